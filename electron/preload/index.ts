import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { isCommandName, isEventName } from '../../shared/ipc/channels';

// The whole surface the page gets: invoke a contract command, listen to a contract event. Names are
// checked here too, and the Electron event object never reaches the page.
contextBridge.exposeInMainWorld('fieldbatch', {
  invoke(name: unknown, input: unknown): Promise<unknown> {
    if (!isCommandName(name)) return Promise.reject(new Error(`unknown command ${String(name)}`));
    return ipcRenderer.invoke(name, input);
  },
  on(name: unknown, listener: (payload: unknown) => void): () => void {
    if (!isEventName(name) || typeof listener !== 'function')
      throw new Error(`unknown event ${String(name)}`);
    const wrapped = (_event: IpcRendererEvent, payload: unknown) => listener(payload);
    ipcRenderer.on(name, wrapped);
    return () => ipcRenderer.removeListener(name, wrapped);
  },
});

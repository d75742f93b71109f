import type { Result } from '../../../shared/ipc/result';

/** How the renderer reaches main: Electron's preload bridge or the headless host's WebSocket. */
export interface Transport {
  readonly kind: 'electron' | 'websocket';
  invoke(name: string, input: unknown): Promise<Result<unknown>>;
  /** Subscribes to one event; returns the unsubscribe function. */
  on(name: string, listener: (payload: unknown) => void): () => void;
  /** Called when the connection to main is lost for good (headless host stopped). */
  onDisconnect(listener: () => void): void;
}

/** What the Electron preload exposes as `window.fieldbatch`. */
export interface PreloadBridge {
  invoke(name: string, input: unknown): Promise<unknown>;
  on(name: string, listener: (payload: unknown) => void): () => void;
}

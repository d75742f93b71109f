import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { MAX_FRAME_BYTES, payloadTooLarge } from '../../../shared/ipc/frame-limits';
import { IpcError } from '../../../shared/ipc/result';
import { reportError } from '../features/command-errors';
import { uiStore } from '../stores/ui-store';
import { resetAll } from '../../../test-support/renderer/reset-stores';
import { invoke, setTransport } from './client';
import { createWebSocketTransport } from './websocket-transport';

/** A WebSocket that opens at once, records what is sent and lets the test answer as the host. */
class FakeSocket extends EventTarget {
  static readonly OPEN = 1;
  static last: FakeSocket | null = null;
  readyState = FakeSocket.OPEN;
  readonly sent: { id: number; name: string }[] = [];
  constructor(readonly url: string) {
    super();
    FakeSocket.last = this;
    queueMicrotask(() => this.dispatchEvent(new Event('open')));
  }
  send(text: string): void {
    this.sent.push(JSON.parse(text) as { id: number; name: string });
  }
  answer(frame: unknown): void {
    this.dispatchEvent(new MessageEvent('message', { data: JSON.stringify(frame) }));
  }
}

beforeEach(() => vi.stubGlobal('WebSocket', FakeSocket));
afterEach(() => {
  vi.unstubAllGlobals();
  setTransport(null);
  resetAll();
});

async function connected() {
  const transport = await createWebSocketTransport('ws://127.0.0.1/ipc?token=t');
  const disconnected = vi.fn();
  transport.onDisconnect(disconnected);
  setTransport(transport);
  return { socket: FakeSocket.last!, disconnected };
}

describe('headless WebSocket transport and requests too large for the host', () => {
  it('refuses a request above the cap before sending it, with a typed error the notice bar shows', async () => {
    const { socket, disconnected } = await connected();
    const content = 'x'.repeat(MAX_FRAME_BYTES);
    const error = await invoke('templates.import', { fileName: 'big.json', content }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(IpcError);
    expect(error).toMatchObject({ code: 'PAYLOAD_TOO_LARGE' });
    expect(socket.sent).toEqual([]);
    reportError(error);
    expect(uiStore.getState().notice).toMatch(
      /^this request is \d+\.\d MB, more than the \d+\.\d MB Fieldbatch/,
    );
    expect(disconnected).not.toHaveBeenCalled();
    expect(uiStore.getState().appState).not.toBe('disconnected');
  });

  it('sends a request at the contract limits and shows the host refusing an oversized one, still connected', async () => {
    const { socket, disconnected } = await connected();
    const pending = invoke('templates.import', { fileName: 't.json', content: '{}'.repeat(500_000) });
    expect(socket.sent).toMatchObject([{ name: 'templates.import' }]);
    socket.answer({ type: 'result', id: socket.sent[0]!.id, result: payloadTooLarge(MAX_FRAME_BYTES + 1) });
    const error = await pending.catch((e: unknown) => e);
    expect(error).toMatchObject({
      code: 'PAYLOAD_TOO_LARGE',
      message: expect.stringMatching(/Fieldbatch takes at once$/),
    });
    expect(disconnected).not.toHaveBeenCalled();
    const next = invoke('devices.list', {});
    socket.answer({ type: 'result', id: socket.sent[1]!.id, result: { ok: true, value: [] } });
    await expect(next).resolves.toEqual([]);
  });
});

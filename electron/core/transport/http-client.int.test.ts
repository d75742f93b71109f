import { createServer, type Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { DeviceError } from '../device-error';
import { HttpClient } from './http-client';

/** A device that drops a kept-alive connection when the next request arrives on it (its idle timeout raced us). */
async function serverDropping(which: (requestOnSocket: number) => boolean) {
  const perSocket = new WeakMap<Socket, number>();
  let requests = 0;
  const server: Server = createServer((req, res) => {
    requests++;
    const n = (perSocket.get(req.socket) ?? 0) + 1;
    perSocket.set(req.socket, n);
    if (which(n)) req.socket.destroy();
    else res.end('{"ok":true}');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/rpc`;
  return { url, server, requests: () => requests };
}

describe('HttpClient keep-alive', () => {
  let close: (() => Promise<void>) | null = null;
  afterEach(async () => {
    await close?.();
    close = null;
  });

  it('sends a request again on a fresh connection when a reused one turns out closed', async () => {
    const device = await serverDropping((n) => n === 2);
    const client = new HttpClient({ timeoutMs: 2_000, maxBodyBytes: 1 << 16 });
    close = async () => {
      client.close();
      await new Promise((r) => device.server.close(r));
    };
    expect((await client.request({ method: 'GET', url: device.url })).text).toBe('{"ok":true}');
    expect((await client.request({ method: 'GET', url: device.url })).text).toBe('{"ok":true}');
    expect(device.requests()).toBe(3);
  });

  it('does not resend when a fresh connection is reset: the device may have acted', async () => {
    const device = await serverDropping(() => true);
    const client = new HttpClient({ timeoutMs: 2_000, maxBodyBytes: 1 << 16 });
    close = async () => {
      client.close();
      await new Promise((r) => device.server.close(r));
    };
    const error = await client.request({ method: 'GET', url: device.url }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DeviceError);
    expect((error as DeviceError).reason).toBe('unreachable');
    expect(device.requests()).toBe(1);
  });
});

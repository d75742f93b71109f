import net from 'node:net';
import type { Aedes } from 'aedes';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MqttTarget } from './mqtt-target';

interface Seen {
  topic: string;
  dup: boolean;
}

/**
 * aedes in process, so the test sees each incoming PUBLISH (with its DUP bit) and decides when to
 * acknowledge it: PUBLISHes held unacknowledged across a dropped connection must come again.
 */
describe('MqttTarget across a dropped connection (aedes)', () => {
  let aedes: Aedes;
  let server: net.Server;
  let url: string;
  const sockets = new Set<net.Socket>();
  const seen: Seen[] = [];
  let holding = true;

  beforeEach(async () => {
    const { Aedes } = await import('aedes');
    aedes = await Aedes.createBroker();
    aedes.authorizePublish = (_client, packet, done) => {
      seen.push({ topic: packet.topic, dup: packet.dup });
      if (!holding) done(null);
    };
    server = net.createServer((socket) => {
      sockets.add(socket);
      socket.on('close', () => sockets.delete(socket));
      aedes.handle(socket);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
    url = `mqtt://127.0.0.1:${(server.address() as net.AddressInfo).port}`;
  });
  afterEach(async () => {
    for (const socket of sockets) socket.destroy();
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await new Promise<void>((resolve) => aedes.close(() => resolve()));
    seen.length = 0;
    holding = true;
  });

  it('resends the unacknowledged PUBLISHes with DUP after reconnecting and resolves once they are acknowledged', async () => {
    const target = new MqttTarget({
      id: 'central',
      url,
      topicPrefix: 'fb',
      clientId: 'fb-replay',
      reconnectPeriodMs: 20,
      stallTimeoutMs: 5_000,
    });
    const batch = ['a', 'b', 'c'].map((id, i) => ({
      id,
      kind: 'job.state' as const,
      at: i,
      body: { schema: 1 },
      seq: i + 1,
    }));
    const delivering = target.deliver(batch, new AbortController().signal);
    await expect.poll(() => seen.length).toBeGreaterThanOrEqual(1);
    holding = false;
    const beforeDrop = seen.length;
    for (const socket of sockets) socket.destroy();
    expect(await delivering).toEqual({ ok: true });
    expect(seen.slice(0, beforeDrop).every((p) => !p.dup)).toBe(true);
    expect(seen.slice(beforeDrop)).toEqual(
      ['a', 'b', 'c'].map((id) => ({ topic: `fb/job.state/${id}`, dup: true })),
    );
    await target.close();
  });

  it('reports the acknowledged prefix when the broker stops answering', async () => {
    const target = new MqttTarget({
      id: 'central',
      url,
      topicPrefix: 'fb',
      clientId: 'fb-stall',
      stallTimeoutMs: 300,
    });
    let acked = 0;
    aedes.authorizePublish = (_client, _packet, done) => {
      if (acked < 2) {
        acked += 1;
        done(null);
      }
    };
    const batch = ['a', 'b', 'c', 'd'].map((id, i) => ({
      id,
      kind: 'job.state' as const,
      at: i,
      body: { schema: 1 },
      seq: i + 1,
    }));
    const outcome = await target.deliver(batch, new AbortController().signal);
    expect(outcome).toMatchObject({ ok: false, delivered: 2, retryable: true });
    expect(outcome.ok || outcome.message).toMatch(/no acknowledgement from 127\.0\.0\.1:\d+ for 0\.3 s/);
    await target.close();
  });
});

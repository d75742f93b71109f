import { connect as mqttConnect, type IClientOptions } from 'mqtt';
import { connect as netConnect } from 'node:net';
import type { AddressInfo } from 'node:net';
import { createServer as createTlsServer, type Server as TlsServer } from 'node:tls';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type MosquittoBroker, startMosquitto } from '../../../../simulator/test-support/mosquitto-broker';
import {
  handshakes,
  mintTlsCases,
  TLS_1_0_ONLY,
  type Identity,
  type TlsCases,
  withLaxTlsDefaults,
} from '../../../../test-support/sync/test-pki';
import type { OutboxRecord } from '../sync-target';
import { MqttTarget } from './mqtt-target';

const batch: OutboxRecord[] = [
  { seq: 1, id: 'exec:job_g12:mac:a0:1:succeeded', kind: 'job.execution', at: 1, body: { schema: 1 } },
];

/** A broker endpoint of one negative case: its URL, and how to stop it. */
interface Endpoint {
  url: string;
  stop(): Promise<void>;
}

/** mosquitto with a TLS listener serving `identity`. */
async function tlsMosquitto(identity: Identity): Promise<Endpoint> {
  const broker = await startMosquitto({
    config: [`certfile ${identity.certFile}`, `keyfile ${identity.keyFile}`],
  });
  return { url: `mqtts://127.0.0.1:${broker.port}`, stop: () => broker.stop() };
}

/**
 * A TLS 1.0-only endpoint in front of a plain mosquitto. mosquitto itself cannot be made TLS 1.0-only:
 * since 2.0 its `tls_version` sets the minimum and takes only tlsv1.3, tlsv1.2 or tlsv1.1 (mosquitto.conf(5)),
 * so a Node TLS server (TLS 1.0 at most) terminates TLS and relays the bytes to the broker.
 */
async function tls10Mosquitto(identity: Identity): Promise<Endpoint> {
  const broker: MosquittoBroker = await startMosquitto();
  const relay: TlsServer = createTlsServer(
    { ...TLS_1_0_ONLY, cert: identity.certPem, key: identity.keyPem },
    (socket) => {
      const upstream = netConnect(broker.port, '127.0.0.1');
      socket.pipe(upstream).pipe(socket);
      socket.on('error', () => upstream.destroy());
      upstream.on('error', () => socket.destroy());
    },
  );
  await new Promise<void>((resolve) => relay.listen(0, '127.0.0.1', resolve));
  return {
    url: `mqtts://127.0.0.1:${(relay.address() as AddressInfo).port}`,
    stop: async () => {
      await new Promise<void>((resolve) => relay.close(() => resolve()));
      await broker.stop();
    },
  };
}

// G12 (RELIABILITY-SECURITY.md): each negative case, 0 MQTT sessions, not retryable, the reason in words.
describe('MqttTarget refuses brokers it cannot trust (G12, mosquitto TLS listener)', () => {
  let cases: TlsCases;
  beforeAll(() => {
    cases = mintTlsCases();
  });
  afterAll(() => cases.cleanup());

  it.each([
    ['a self-signed certificate', (c: TlsCases) => tlsMosquitto(c.selfSigned), /self-signed/],
    ['a certificate for another host', (c: TlsCases) => tlsMosquitto(c.wrongHost), /for another host/],
    ['an expired certificate', (c: TlsCases) => tlsMosquitto(c.expired), /certificate expired/],
    [
      'a certificate from another CA',
      (c: TlsCases) => tlsMosquitto(c.otherCa),
      /not signed by the configured CA/,
    ],
    ['TLS 1.0 only', (c: TlsCases) => tls10Mosquitto(c.good), /only offers TLS older than 1\.2/],
  ])('refuses %s: no session, not retried, the reason in words', async (_, start, words) => {
    const endpoint = await start(cases);
    let sessions = 0;
    const target = new MqttTarget({
      id: 'central',
      url: endpoint.url,
      ca: cases.caPem,
      topicPrefix: 'fb/g12',
      clientId: 'fb-g12',
      stallTimeoutMs: 5_000,
      connect: (url: string, options: IClientOptions) => {
        const client = mqttConnect(url, options);
        client.on('connect', () => (sessions += 1));
        return client;
      },
    });
    await withLaxTlsDefaults(async () => {
      const outcome = await target.deliver(batch, new AbortController().signal);
      expect(outcome).toMatchObject({ ok: false, delivered: 0, retryable: false });
      expect(outcome.ok || outcome.message).toMatch(/^cannot connect securely to 127\.0\.0\.1:\d+: /);
      expect(outcome.ok || outcome.message).toMatch(words);
      expect(sessions).toBe(0);
      await target.close();
      // The endpoint is really up with that certificate / version: a client that checks nothing gets through.
      expect(await handshakes(endpoint.url)).toBe(true);
    });
    await endpoint.stop();
  });
});

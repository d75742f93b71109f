import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HttpsStub } from '../../../../test-support/sync/https-stub';
import {
  handshakes,
  mintTlsCases,
  TLS_1_0_ONLY,
  type Identity,
  type TlsCases,
  withLaxTlsDefaults,
} from '../../../../test-support/sync/test-pki';
import { silentLogger } from '../../logging/json-logger';
import { openDatabase } from '../../storage/database';
import { OutboxRepository } from '../../storage/repositories/outbox-repository';
import type { OutboxRecord } from '../sync-target';
import { SyncWorker } from '../sync-worker';
import { HawkbitTarget } from './hawkbit-target';
import { HttpsTarget } from './https-target';

const clock = { now: () => Date.parse('2026-12-08T03:00:00Z') };
const batch: OutboxRecord[] = [
  {
    seq: 1,
    id: 'exec:job_1:dev_a:1:succeeded',
    kind: 'job.execution',
    at: 1,
    // What hawkBit reports too: a succeeded firmware step.
    body: { schema: 1, deviceId: 'dev_a', state: 'succeeded', firmware: { version: '14.3.0' } },
  },
];

// G12 (RELIABILITY-SECURITY.md): each negative case, 0 requests through, not retryable, the reason in words.
describe('HttpsTarget refuses servers it cannot trust (G12)', () => {
  let cases: TlsCases;
  beforeAll(() => {
    cases = mintTlsCases();
  });
  afterAll(() => cases.cleanup());

  const serve = async (pick: (c: TlsCases) => Identity, tls = {}) => {
    const stub = new HttpsStub(pick(cases), undefined, tls);
    return { stub, url: `${await stub.start()}/ingest` };
  };

  it('delivers to a server whose certificate the configured CA signed for 127.0.0.1 (the control)', async () => {
    const { stub, url } = await serve((c) => c.good);
    const target = new HttpsTarget({ id: 'syn_tls00001', url, caPem: cases.caPem, clock });
    expect(await target.deliver(batch, new AbortController().signal)).toEqual({ ok: true });
    expect(stub.requests).toHaveLength(1);
    await stub.stop();
  });

  it.each([
    ['a self-signed certificate', (c: TlsCases) => c.selfSigned, {}, /self-signed/],
    ['a certificate for another host', (c: TlsCases) => c.wrongHost, {}, /certificate is for another host/],
    ['an expired certificate', (c: TlsCases) => c.expired, {}, /certificate expired/],
    ['a certificate from another CA', (c: TlsCases) => c.otherCa, {}, /not signed by the configured CA/],
    ['TLS 1.0 only', (c: TlsCases) => c.good, TLS_1_0_ONLY, /only offers TLS older than 1\.2/],
  ])('refuses %s: nothing sent, not retried, the reason in words', async (_, pick, tls, words) => {
    const { stub, url } = await serve(pick, tls);
    const https = new HttpsTarget({ id: 'syn_tls00002', url, caPem: cases.caPem, clock });
    const hawkbit = new HawkbitTarget({
      id: 'syn_tls00003',
      baseUrl: new URL(url).origin,
      auth: { mode: 'bearer', token: 'tok' },
      controllerIdPrefix: '',
      distributionSetName: null,
      caPem: cases.caPem,
      clock,
    });
    await withLaxTlsDefaults(async () => {
      for (const target of [https, hawkbit]) {
        const outcome = await target.deliver(batch, new AbortController().signal);
        expect(outcome).toMatchObject({ ok: false, delivered: 0, retryable: false });
        expect(outcome.ok || outcome.message).toMatch(/^cannot connect securely to 127\.0\.0\.1:\d+: /);
        expect(outcome.ok || outcome.message).toMatch(words);
      }
      expect(stub.secureConnections).toBe(0);
      expect(stub.requests).toHaveLength(0);
      // The server is really up with that certificate / version: a client that checks nothing gets through.
      expect(await handshakes(url)).toBe(true);
    });
    await stub.stop();
  });

  it('shows the refusal as the target error, in words, and keeps the records (through the sync worker)', async () => {
    const { stub, url } = await serve((c) => c.expired);
    const db = openDatabase({ file: ':memory:', logger: silentLogger, now: () => 1 });
    const outbox = new OutboxRepository(db, () => 1);
    const worker = new SyncWorker({ outbox, clock, logger: silentLogger });
    outbox.enqueue(batch);
    worker.setTargets([new HttpsTarget({ id: 'syn_tls00004', url, caPem: cases.caPem, clock })]);
    await worker.syncNow();
    expect(worker.status().targets[0]).toMatchObject({
      state: 'error',
      pending: 1,
      lastError: expect.stringMatching(
        /cannot connect securely to 127\.0\.0\.1:\d+: the server certificate expired/,
      ),
    });
    expect(stub.requests).toHaveLength(0);
    await worker.stop();
    db.close();
    await stub.stop();
  });
});

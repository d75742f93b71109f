import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { HttpsStub, type StubReply } from '../../../../test-support/sync/https-stub';
import { mintTestCertificates, type TestCertificates } from '../../../../test-support/sync/test-pki';
import type { OutboxRecord } from '../sync-target';
import { HttpsTarget, idempotencyKeyOf } from './https-target';

const NOW = Date.parse('2026-12-08T03:00:00Z');
const clock = { now: () => NOW };
const batch: OutboxRecord[] = [
  { seq: 1, id: 'exec:job_1:dev_a:1:succeeded', kind: 'job.execution', at: NOW - 10, body: { schema: 1 } },
  { seq: 2, id: 'job:job_1:7', kind: 'job.state', at: NOW - 5, body: { schema: 1, to: 'completed' } },
];

describe('HttpsTarget against an HTTPS stub with its own CA', () => {
  let certificates: TestCertificates;
  let stub: HttpsStub;
  let url: string;

  beforeAll(async () => {
    certificates = mintTestCertificates();
    stub = new HttpsStub(certificates);
    url = `${await stub.start()}/ingest`;
  });
  afterEach(() => {
    stub.requests.length = 0;
  });
  afterAll(async () => {
    await stub.stop();
    certificates.cleanup();
  });

  const target = (timeoutMs = 2_000) =>
    new HttpsTarget({
      id: 'syn_test0001',
      url,
      token: 'tok-secret',
      caPem: certificates.caPem,
      clock,
      timeoutMs,
    });
  const deliverWith = async (reply: StubReply) => {
    stub.setHandler(HttpsStub.queue([reply]));
    return target().deliver(batch, new AbortController().signal);
  };

  it('POSTs the batch as a JSON array with the bearer token and an idempotency key', async () => {
    expect(await deliverWith({ status: 200 })).toEqual({ ok: true });
    const [request] = stub.requests;
    expect(request?.method).toBe('POST');
    expect(request?.path).toBe('/ingest');
    expect(request?.headers.authorization).toBe('Bearer tok-secret');
    expect(request?.headers['content-type']).toBe('application/json');
    expect(request?.headers['idempotency-key']).toBe(`"${idempotencyKeyOf(batch)}"`);
    expect(JSON.parse(request!.body)).toEqual(
      batch.map(({ id, kind, at, body }) => ({ id, kind, at, body })),
    );
  });

  it.each([500, 502, 503, 408, 429])('retries after HTTP %i', async (status) => {
    expect(await deliverWith({ status })).toMatchObject({ ok: false, delivered: 0, retryable: true });
  });

  it.each([400, 401, 404, 422])('does not retry after HTTP %i', async (status) => {
    const outcome = await deliverWith({ status, headers: { 'retry-after': '5' } });
    expect(outcome).toMatchObject({ ok: false, delivered: 0, retryable: false });
    expect(outcome).not.toHaveProperty('retryAfterMs');
  });

  it('says what a 401 means', async () => {
    expect(await deliverWith({ status: 401 })).toMatchObject({
      message: expect.stringMatching(/401: check the credentials/),
    });
  });

  it('honours Retry-After in seconds', async () => {
    expect(await deliverWith({ status: 503, headers: { 'retry-after': '30' } })).toMatchObject({
      retryAfterMs: 30_000,
    });
  });

  it('honours Retry-After as an HTTP date', async () => {
    const at = new Date(NOW + 120_000).toUTCString();
    expect(await deliverWith({ status: 429, headers: { 'retry-after': at } })).toMatchObject({
      retryAfterMs: 120_000,
    });
  });

  it('retries a request that got no reply in time', async () => {
    stub.setHandler(HttpsStub.queue([{ status: 200, hang: true }]));
    const outcome = await target(200).deliver(batch, new AbortController().signal);
    expect(outcome).toMatchObject({
      ok: false,
      retryable: true,
      message: expect.stringMatching(/within 200 ms/),
    });
  });

  it('retries when nothing listens', async () => {
    const closed = new HttpsTarget({
      id: 'syn_test0002',
      url: 'https://127.0.0.1:9/x',
      caPem: certificates.caPem,
      clock,
    });
    expect(await closed.deliver(batch, new AbortController().signal)).toMatchObject({
      ok: false,
      retryable: true,
    });
  });

  it('refuses a server its CA did not sign (system CAs only), as a setting to fix, not a retry', async () => {
    const untrusted = new HttpsTarget({ id: 'syn_test0003', url, clock });
    expect(await untrusted.deliver(batch, new AbortController().signal)).toMatchObject({
      ok: false,
      retryable: false,
      message: expect.stringMatching(/not signed by the configured CA/),
    });
    expect(stub.requests).toHaveLength(0);
  });

  it('sends the same idempotency key when the same batch is retried', async () => {
    stub.setHandler(HttpsStub.queue([{ status: 503 }, { status: 200, hang: true }, { status: 201 }]));
    const t = target(200);
    expect((await t.deliver(batch, new AbortController().signal)).ok).toBe(false);
    expect((await t.deliver(batch, new AbortController().signal)).ok).toBe(false);
    expect(await t.deliver(batch, new AbortController().signal)).toEqual({ ok: true });
    const keys = stub.requests.map((r) => r.headers['idempotency-key']);
    expect(keys).toHaveLength(3);
    expect(new Set(keys).size).toBe(1);
    expect(idempotencyKeyOf(batch.slice(1))).not.toBe(idempotencyKeyOf(batch));
  });
});

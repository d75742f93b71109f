import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { HawkbitStub } from '../../../../test-support/sync/hawkbit-stub';
import { mintTestCertificates, type TestCertificates } from '../../../../test-support/sync/test-pki';
import type { OutboxRecord } from '../sync-target';
import { HawkbitTarget, type HawkbitTargetOptions } from './hawkbit-target';

const clock = { now: () => Date.parse('2026-12-08T03:00:00Z') };
const BASIC = `Basic ${Buffer.from('admin:s3cret').toString('base64')}`;

function execution(seq: number, deviceId: string, state: string, version: string | null): OutboxRecord {
  return {
    seq,
    id: `exec:job_1:${deviceId}:1:${state}`,
    kind: 'job.execution',
    at: 1,
    body: { schema: 1, deviceId, state, firmware: version === null ? null : { version } },
  };
}

describe('HawkbitTarget against a Management API stub', () => {
  let certificates: TestCertificates;
  let stub: HawkbitStub;
  let baseUrl: string;

  beforeAll(() => {
    certificates = mintTestCertificates();
  });
  beforeEach(async () => {
    await stub?.stop();
    stub = new HawkbitStub(certificates, {
      authorization: BASIC,
      targets: ['site-dev_a', 'site-dev_b'],
      distributionSets: [
        { id: 7, name: 'Shelly Plus 1', version: '1.4.4' },
        { id: 8, name: 'Shelly Plus 1', version: '1.6.0' },
        { id: 9, name: 'Tasmota', version: '1.6.0' },
      ],
    });
    baseUrl = `${await stub.start()}/`;
  });
  afterAll(async () => {
    await stub.stop();
    certificates.cleanup();
  });

  const target = (over: Partial<HawkbitTargetOptions> = {}) =>
    new HawkbitTarget({
      id: 'syn_hawk0001',
      baseUrl,
      auth: { mode: 'basic', username: 'admin', password: 's3cret' },
      controllerIdPrefix: 'site-',
      distributionSetName: 'Shelly Plus 1',
      caPem: certificates.caPem,
      clock,
      ...over,
    });
  const deliver = (t: HawkbitTarget, batch: OutboxRecord[]) => t.deliver(batch, new AbortController().signal);

  it('reports a successful firmware update as an offline assignment of the matching distribution set', async () => {
    const batch = [
      execution(1, 'dev_a', 'succeeded', '1.6.0'),
      execution(2, 'dev_b', 'failed', '1.6.0'),
      execution(3, 'dev_b', 'succeeded', null),
      { seq: 4, id: 'job:job_1:3', kind: 'job.state' as const, at: 1, body: { schema: 1 } },
    ];
    expect(await deliver(target(), batch)).toEqual({ ok: true });
    expect(stub.installed.get('site-dev_a')).toEqual([8]);
    expect(stub.installed.get('site-dev_b')).toEqual([]);
    const [find, assign] = stub.requests;
    expect(find?.method).toBe('GET');
    expect(new URL(find!.path, 'https://x').searchParams.get('q')).toBe(
      'name=="Shelly Plus 1";version=="1.6.0"',
    );
    expect(assign?.method).toBe('POST');
    expect(assign?.path).toBe('/rest/v1/targets/site-dev_a/assignedDS?offline=true');
    expect(assign?.headers.authorization).toBe(BASIC);
    expect(JSON.parse(assign!.body)).toEqual([{ id: 8 }]);
    expect(stub.requests).toHaveLength(2);
  });

  it('reports the same record twice without a second install (hawkBit answers alreadyAssigned)', async () => {
    const t = target();
    await deliver(t, [execution(1, 'dev_a', 'succeeded', '1.4.4')]);
    expect(await deliver(t, [execution(1, 'dev_a', 'succeeded', '1.4.4')])).toEqual({ ok: true });
    expect(stub.installed.get('site-dev_a')).toEqual([7]);
  });

  it('stops at a version hawkBit has no distribution set for, with a clear non-retryable error', async () => {
    const batch = [execution(1, 'dev_a', 'succeeded', '1.4.4'), execution(2, 'dev_b', 'succeeded', '9.9.9')];
    expect(await deliver(target(), batch)).toEqual({
      ok: false,
      delivered: 1,
      retryable: false,
      message: 'hawkBit has no distribution set "Shelly Plus 1" version 9.9.9: create it, then Sync now',
    });
  });

  it('asks for a name when a version alone matches several distribution sets', async () => {
    const outcome = await deliver(target({ distributionSetName: null }), [
      execution(1, 'dev_a', 'succeeded', '1.6.0'),
    ]);
    expect(outcome).toMatchObject({
      ok: false,
      retryable: false,
      message: expect.stringMatching(/2 distribution sets/),
    });
  });

  it('says when hawkBit does not know the device', async () => {
    const outcome = await deliver(target({ controllerIdPrefix: 'other-' }), [
      execution(1, 'dev_a', 'succeeded', '1.6.0'),
    ]);
    expect(outcome).toMatchObject({
      ok: false,
      retryable: false,
      message: expect.stringMatching(/no target "other-dev_a"/),
    });
  });

  it('does not retry wrong credentials (401) and says to check them', async () => {
    const t = target({ auth: { mode: 'basic', username: 'admin', password: 'wrong' } });
    expect(await deliver(t, [execution(1, 'dev_a', 'succeeded', '1.6.0')])).toEqual({
      ok: false,
      delivered: 0,
      retryable: false,
      message: 'hawkBit answered HTTP 401: check the credentials',
    });
    expect(stub.installed.get('site-dev_a')).toEqual([]);
  });

  it('sends a bearer token in bearer mode', async () => {
    await deliver(target({ auth: { mode: 'bearer', token: 'oidc-token' } }), [
      execution(1, 'dev_a', 'succeeded', '1.6.0'),
    ]);
    expect(stub.requests[0]?.headers.authorization).toBe('Bearer oidc-token');
  });
});

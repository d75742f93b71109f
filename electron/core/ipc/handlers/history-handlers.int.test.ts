import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestAppCore, type TestAppCore } from '../../../../test-support/core/test-app-core';

let app: TestAppCore;
beforeAll(async () => {
  app = await startTestAppCore();
});
afterAll(() => app.close());

describe('history commands through the dispatcher', () => {
  it('searches user text literally and answers an empty history', async () => {
    for (const text of ['"unterminated', 'NEAR(a b', 'OR', '***']) {
      expect(await app.dispatch('history.search', { text })).toMatchObject({ ok: true, value: { total: 0 } });
    }
  });

  it('refuses bad dates, huge text and unknown groups with typed errors in plain words', async () => {
    const refused = async (input: unknown) => {
      const reply = await app.dispatch('history.search', input);
      return reply.ok ? null : { code: reply.error.code, message: reply.error.message };
    };
    expect(await refused({ from: 10, to: 5 })).toMatchObject({
      code: 'INVALID_INPUT',
      message: expect.stringContaining('the start date is after the end date'),
    });
    expect(await refused({ from: '2026-12-01' })).toMatchObject({ code: 'INVALID_INPUT' });
    expect(await refused({ text: 'x'.repeat(5_000) })).toMatchObject({
      code: 'INVALID_INPUT',
      message: expect.stringContaining('at most 200 characters'),
    });
    expect(await refused({ groupId: 'grp_nosuchgroup' })).toMatchObject({ code: 'NOT_FOUND' });
    expect(await refused({ deviceId: 'not a device' })).toMatchObject({ code: 'INVALID_INPUT' });
  });

  it('stores retention settings and reports the usage', async () => {
    expect(await app.call('history.getRetention', {})).toEqual({ keepDays: null, maxArtifactMb: null });
    const usage = await app.call('history.setRetention', { keepDays: 90, maxArtifactMb: 500 });
    expect(usage).toMatchObject({ runs: 0, artifacts: 0, lastRetention: { runsDeleted: 0 } });
    expect(usage.databaseBytes).toBeGreaterThan(0);
    expect(await app.call('history.getRetention', {})).toEqual({ keepDays: 90, maxArtifactMb: 500 });
    expect((await app.dispatch('history.setRetention', { keepDays: 0, maxArtifactMb: null })).ok).toBe(false);
    expect(await app.dispatch('history.getRun', { jobId: 'job_nosuchjob1' })).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });
  });
});

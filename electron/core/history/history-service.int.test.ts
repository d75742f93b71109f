import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { HistoryQuerySchema, type HistoryQueryInput } from '../../../shared/domain/history';
import type { DeviceId } from '../../../shared/domain/device';
import type { GroupId } from '../../../shared/domain/group';
import { historyRig } from '../../../test-support/history/history-rig';
import { HistoryRepository } from '../storage/repositories/history-repository';

const DAY = 86_400_000;
let rig: ReturnType<typeof historyRig>;
const search = (q: HistoryQueryInput) => rig.service.search(HistoryQuerySchema.parse(q));
const pairs = (q: HistoryQueryInput) => search(q).hits.map((h) => `${h.jobName}/${h.deviceName}`);

beforeEach(() => {
  rig = historyRig();
  rig.seedRun(
    'Hall firmware',
    [
      { id: 'mac:hall0001', name: 'Hall Plug', state: 'succeeded', result: 'running 1.6.0, uptime 3 s' },
      {
        id: 'mac:cellar01',
        name: 'Cellar Pump',
        state: 'failed',
        reason: 'unreachable',
        message: 'no answer on 192.0.2.9',
      },
    ],
    { at: 10 * DAY, steps: [{ action: 'firmware-update', images: ['a'.repeat(64)] }] as never },
  );
  rig.seedRun(
    'Evening reboot',
    [
      { id: 'mac:hall0001', name: 'Hall Plug', state: 'timed-out', reason: 'timeout' },
      { id: 'mac:attic001', name: 'Attic Fan', state: 'succeeded' },
    ],
    { at: 20 * DAY },
  );
});
afterEach(() => rig.close());

describe('history search', () => {
  it('finds executions by words of the run, the execution and its reason, each word anywhere', () => {
    expect(pairs({ text: 'firmware' })).toEqual(['Hall firmware/Hall Plug', 'Hall firmware/Cellar Pump']);
    expect(pairs({ text: 'unreach' })).toEqual(['Hall firmware/Cellar Pump']);
    expect(pairs({ text: '192.0.2.9' })).toEqual(['Hall firmware/Cellar Pump']);
    expect(pairs({ text: 'reboot hall' })).toEqual(['Evening reboot/Hall Plug']);
    expect(pairs({ text: '1.6.0 hall' })).toEqual(['Hall firmware/Hall Plug']);
    expect(pairs({ text: 'nothing-like-this' })).toEqual([]);
  });

  it('filters by device, group, date range and outcome, newest first, with paging', () => {
    expect(pairs({ deviceId: 'mac:hall0001' as DeviceId })).toEqual([
      'Evening reboot/Hall Plug',
      'Hall firmware/Hall Plug',
    ]);
    rig.groups.set('grp_upstairs1', ['mac:attic001', 'mac:hall0001'] as DeviceId[]);
    expect(pairs({ groupId: 'grp_upstairs1' as GroupId, outcomes: ['succeeded'] })).toEqual([
      'Evening reboot/Attic Fan',
      'Hall firmware/Hall Plug',
    ]);
    expect(pairs({ groupId: 'grp_upstairs1' as GroupId, deviceId: 'mac:cellar01' as DeviceId })).toEqual([]);
    expect(pairs({ from: 15 * DAY })).toEqual(['Evening reboot/Hall Plug', 'Evening reboot/Attic Fan']);
    expect(pairs({ to: 15 * DAY, outcomes: ['failed', 'timed-out'] })).toEqual(['Hall firmware/Cellar Pump']);
    const page = search({ offset: 1, limit: 2 });
    expect(page.total).toBe(4);
    expect(page.hits.map((h) => h.deviceName)).toEqual(['Attic Fan', 'Hall Plug']);
  });

  it('sees a change of an execution once it is journaled, without a trigger', () => {
    const jobId = rig.seedRun('Late', [{ id: 'mac:late0001', name: 'Porch', state: 'running' }], {
      at: 30 * DAY,
      state: 'running',
    });
    expect(pairs({ text: 'porch running' })).toEqual(['Late/Porch']);
    const [before] = rig.jobs.executions(jobId);
    rig.jobs.commit([
      {
        kind: 'execution',
        jobId,
        position: 0,
        before: before!,
        after: { ...before!, state: 'failed', reason: 'device-error', message: 'flash write error' },
        event: 'failed',
      },
    ]);
    expect(pairs({ text: 'porch running' })).toEqual([]);
    expect(pairs({ text: 'flash porch' })).toEqual(['Late/Porch']);
  });

  it('finds a device by what an earlier step attempt said, after a retry ended well', () => {
    const jobId = rig.seedRun('Retry', [{ id: 'mac:porch002', name: 'Porch', state: 'running' }], {
      at: 31 * DAY,
      state: 'running',
    });
    const [running] = rig.jobs.executions(jobId);
    const failedOnce = {
      ...running!,
      state: 'running' as const, // waiting to retry: the reason and message of attempt 1
      reason: 'unreachable' as const,
      message: 'socket hang up at xyzzy',
      attempt: 1,
    };
    const commit = (before: typeof running, after: typeof running, event: string) =>
      rig.jobs.commit([{ kind: 'execution', jobId, position: 0, before: before!, after: after!, event }]);
    commit(running, failedOnce, 'step-retry');
    expect(pairs({ text: 'xyzzy' })).toEqual(['Retry/Porch']);
    const succeeded = { ...failedOnce, state: 'succeeded' as const, reason: null, message: null, attempt: 2 };
    commit(failedOnce, succeeded, 'step-succeeded');
    // The row now says succeeded with no message; the first attempt's words still find it, once.
    expect(pairs({ text: 'xyzzy', outcomes: ['succeeded'] })).toEqual(['Retry/Porch']);
    expect(pairs({ text: 'porch succeeded' })).toEqual(['Retry/Porch']);
  });

  it('searches the text of artifact files, and shows them in the device timeline', async () => {
    const jobId = rig.seedRun('Collect', [{ id: 'mac:hall0001', name: 'Hall Plug', state: 'succeeded' }], {
      at: 40 * DAY,
      steps: [{ action: 'collect' }],
    });
    const meta = await rig.artifacts.save({
      deviceId: 'mac:hall0001' as DeviceId,
      jobId,
      kind: 'shelly-snapshot',
      content: { sys: { device: { fw_id: 'zebra-build-42' } }, log: ['wifi connected to SiteNet'] },
    });
    expect(pairs({ text: 'zebra' })).toEqual(['Collect/Hall Plug']);
    expect(pairs({ text: 'sitenet hall' })).toEqual(['Collect/Hall Plug']);
    expect(search({ text: 'zebra' }).pendingArtifacts).toBe(0);

    const timeline = rig.service.timeline('mac:hall0001' as DeviceId, 0, 10);
    expect(timeline.total).toBe(3);
    expect(timeline.entries.map((e) => e.hit.jobName)).toEqual([
      'Collect',
      'Evening reboot',
      'Hall firmware',
    ]);
    expect(timeline.entries[0]!.artifacts.map((a) => a.id)).toEqual([meta.id]);
    expect(timeline.entries[1]!.steps.map((s) => s.to)).toEqual(['timed-out']);
    expect(rig.service.getRun(jobId).artifacts.map((a) => a.id)).toEqual([meta.id]);
  });
});

describe('history search refuses bad input with clear words', () => {
  it('searches FTS5 syntax literally and never fails on it', () => {
    for (const text of [
      '"unterminated',
      'NEAR(',
      'a OR',
      '*',
      '-hall',
      '^x',
      'hall AND',
      '(((',
      '"""',
      'x:y',
    ]) {
      expect(() => search({ text }), text).not.toThrow();
    }
    expect(pairs({ text: '"plug' })).toEqual(['Evening reboot/Hall Plug', 'Hall firmware/Hall Plug']);
    expect(search({ text: 'a b c d e f g h i j k' }).terms).toHaveLength(8);
  });

  it('turns an FTS5 refusal into a typed error, should an unquoted term ever reach the index', () => {
    const repo = new HistoryRepository(rig.db);
    const filter = { deviceIds: null, from: null, to: null, outcomes: [] };
    expect(() => repo.search({ ...filter, terms: ['"unterminated'] }, 0, 10)).toThrow(
      expect.objectContaining({ code: 'INVALID_INPUT', message: expect.stringContaining('search words') }),
    );
  });

  it('refuses huge text, bad dates and reversed ranges in the schema', () => {
    const issues = (q: unknown) => {
      const r = HistoryQuerySchema.safeParse(q);
      return r.success ? [] : r.error.issues.map((i) => i.message);
    };
    expect(issues({ text: 'x'.repeat(201) })).toEqual(['at most 200 characters']);
    expect(issues({ from: 'yesterday' })).toHaveLength(1);
    expect(issues({ from: -1 })).toHaveLength(1);
    expect(issues({ from: Number.NaN })).toHaveLength(1);
    expect(issues({ from: 9e15 })).toHaveLength(1);
    expect(issues({ from: 5, to: 4 })).toEqual(['the start date is after the end date']);
    expect(issues({ outcomes: ['exploded'] })).toHaveLength(1);
    expect(issues({ sql: 'DROP TABLE jobs' })).toHaveLength(1);
  });
});

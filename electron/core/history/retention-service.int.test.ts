import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DeviceId } from '../../../shared/domain/device';
import type { JobId } from '../../../shared/domain/job';
import { historyRig } from '../../../test-support/history/history-rig';

const DAY = 86_400_000;
let rig: ReturnType<typeof historyRig>;
const hall = 'mac:hall0001' as DeviceId;
const fileOf = (id: string) => join(rig.dir.path, 'artifacts', `${id}.json`);
const runIds = () => rig.jobs.list().map((j) => j.name);

async function collected(jobId: JobId | null, bytes: number, at: number) {
  rig.clock.t = at;
  return rig.artifacts.save({
    deviceId: hall,
    jobId,
    kind: 'shelly-snapshot',
    content: { pad: 'x'.repeat(bytes) },
  });
}

beforeEach(() => {
  rig = historyRig();
});
afterEach(() => rig.close());

describe('history retention', () => {
  it('deletes finished runs older than keepDays with their artifact files; keeps unfinished and recent runs', async () => {
    const old = rig.seedRun('Old', [{ id: hall, name: 'Hall', state: 'succeeded' }], { at: 1 * DAY });
    const stuck = rig.seedRun('Old but paused', [{ id: hall, name: 'Hall', state: 'running' }], {
      at: 1 * DAY,
      state: 'paused',
    });
    rig.seedRun('Recent', [{ id: hall, name: 'Hall', state: 'failed', reason: 'timeout' }], { at: 95 * DAY });
    const oldArtifact = await collected(old, 100, 1 * DAY);
    const stuckArtifact = await collected(stuck, 100, 1 * DAY);
    rig.clock.t = 100 * DAY;
    expect(rig.retention.usage()).toMatchObject({ runs: 3, unfinishedRuns: 1, executions: 3, artifacts: 2 });

    const usage = rig.retention.set({ keepDays: 30, maxArtifactMb: null });
    expect(runIds().sort()).toEqual(['Old but paused', 'Recent']);
    expect(existsSync(fileOf(oldArtifact.id))).toBe(false);
    expect(existsSync(fileOf(stuckArtifact.id))).toBe(true);
    expect(usage).toMatchObject({ runs: 2, executions: 2, artifacts: 1 });
    expect(usage.lastRetention).toMatchObject({ runsDeleted: 1, artifactsDeleted: 1 });
    expect(usage.databaseBytes).toBeGreaterThan(0);
    expect(rig.retention.get()).toEqual({ keepDays: 30, maxArtifactMb: null });
    expect(
      rig.service
        .timeline(hall, 0, 10)
        .entries.map((e) => e.hit.jobName)
        .sort(),
    ).toEqual(['Old but paused', 'Recent']);
    expect(rig.db.prepare('SELECT count(*) AS n FROM job_journal WHERE job_id = ?').get(old)).toEqual({
      n: 0,
    });
  });

  it('keeps a finished run while a sync target has not acknowledged its records; never deletes outbox rows', () => {
    const synced = rig.seedRun('Synced', [{ id: hall, name: 'Hall', state: 'succeeded' }], { at: 1 * DAY });
    const unsynced = rig.seedRun('Unsynced', [{ id: hall, name: 'Hall', state: 'succeeded' }], {
      at: 1 * DAY,
    });
    const enqueue = rig.db.prepare(
      "INSERT INTO sync_outbox (id, kind, at, body_json, created_at) VALUES (?, 'job.execution', 1, '{}', 1)",
    );
    const delivered = enqueue.run(`exec:${synced}:${hall}:1:succeeded`).lastInsertRowid;
    enqueue.run(`exec:${unsynced}:${hall}:1:succeeded`);
    rig.db
      .prepare("INSERT INTO sync_cursors (target_id, delivered_seq) VALUES ('mqtt-office', ?)")
      .run(delivered);
    rig.clock.t = 100 * DAY;
    const usage = rig.retention.set({ keepDays: 30, maxArtifactMb: null });
    expect(runIds()).toEqual(['Unsynced']);
    expect(usage.heldForSync).toBe(1);
    expect(rig.db.prepare('SELECT count(*) AS n FROM sync_outbox').get()).toEqual({ n: 2 });

    // The target is removed (its cursor goes): nothing waits for it any more.
    rig.db.prepare('DELETE FROM sync_cursors').run();
    expect(rig.retention.set({ keepDays: 30, maxArtifactMb: null }).heldForSync).toBe(0);
    expect(runIds()).toEqual([]);
  });

  it('deletes the oldest artifacts beyond the size cap, never those of an unfinished run', async () => {
    const running = rig.seedRun('Running', [{ id: hall, name: 'Hall', state: 'running' }], {
      at: 1 * DAY,
      state: 'running',
    });
    const oldest = await collected(running, 600_000, 1 * DAY);
    const older = await collected(null, 600_000, 2 * DAY);
    const newer = await collected(null, 600_000, 3 * DAY);
    rig.retention.set({ keepDays: null, maxArtifactMb: 1 });
    expect([oldest, older, newer].map((a) => existsSync(fileOf(a.id)))).toEqual([true, false, true]);
    expect(rig.artifacts.list(hall).map((a) => a.id)).toEqual([newer.id, oldest.id]);
  });
});

import type { DeviceId } from '../../shared/domain/device';
import { blankExecution, type ExecutionSummary, type JobId } from '../../shared/domain/job';
import { JobEventStream } from '../../electron/core/jobs/job-events';
import type { JournalWrite } from '../../electron/core/jobs/job-store';
import { silentLogger } from '../../electron/core/logging/json-logger';
import { VersionRecorder } from '../../electron/core/reports/version-recorder';
import type { Db } from '../../electron/core/storage/database';
import { JobRepository } from '../../electron/core/storage/repositories/job-repository';
import { ReportRepository } from '../../electron/core/storage/repositories/report-repository';
import { spec } from '../jobs/job-engine-test-kit';

export interface SeedOptions {
  jobId: JobId;
  /** Device names, one device each (ids mac:… from the index). */
  names: readonly string[];
  startAt: number;
  /** ms between two devices ending. Default 1000. */
  gapMs?: number;
  /** Devices per journal commit (the engine's group commit). Default 200. */
  batch?: number;
  /** What happens to device i. Default: every 10th fails (timeout), the rest succeed. */
  outcome?: (i: number) => 'succeeded' | 'failed' | 'skipped';
}

export const FIRMWARE_BEFORE = '1.4.2';
export const FIRMWARE_AFTER = '1.5.0';
const MODELS = ['SNSW-001P16EU', 'SHPLG-S', 'Sonoff Basic'];

const deviceId = (i: number) => `mac:a8032a${i.toString(16).padStart(6, '0')}` as DeviceId;

/**
 * A finished firmware run in SQLite, written the way the engine writes one (journal commits through the job
 * event stream, with the report's VersionRecorder subscribed): devices on FIRMWARE_BEFORE, the successful ones
 * read back FIRMWARE_AFTER before they end. Returns the time the run finished.
 */
export function seedFinishedRun(db: Db, o: SeedOptions): number {
  const store = new JobRepository(db);
  const stream = new JobEventStream(silentLogger, store.lastSeq());
  stream.subscribe(new VersionRecorder(new ReportRepository(db)));
  const publish = (writes: JournalWrite[]) => stream.publish(writes, (tx) => store.commit(writes, tx));
  const outcome = o.outcome ?? ((i: number) => (i % 10 === 9 ? 'failed' : 'succeeded'));
  const gap = o.gapMs ?? 1000;
  const insert = db.prepare(`INSERT OR REPLACE INTO devices (id, family, name, model, firmware, online,
    identify_json, first_seen_at, last_seen_at) VALUES (?, ?, ?, ?, ?, 1, '{}', ?, ?)`);
  const ids = o.names.map((_, i) => deviceId(i));
  db.transaction(() =>
    o.names.forEach((name, i) =>
      insert.run(
        ids[i],
        i % 3 === 2 ? 'tasmota' : 'shelly',
        name,
        MODELS[i % 3],
        FIRMWARE_BEFORE,
        o.startAt,
        o.startAt,
      ),
    ),
  )();
  const devices = o.names.map((name, i) => ({
    id: ids[i]!,
    name,
    wave: 0,
    skip:
      outcome(i) === 'skipped' ? { reason: 'already-on-target' as const, message: 'already runs it' } : null,
  }));
  const jobSpec = { ...spec(ids.slice(0, 20_000), {}, [{ action: 'reboot' }]), name: 'Firmware 1.5.0' };
  publish([
    {
      kind: 'create',
      jobId: o.jobId,
      spec: jobSpec,
      at: o.startAt,
      state: 'scheduled',
      retryOf: null,
      devices,
    },
  ]);
  const fields = {
    pauseReason: null,
    pauseMessage: null,
    currentWave: 0,
    startedAt: o.startAt,
    finishedAt: null,
  };
  publish([
    {
      kind: 'job',
      jobId: o.jobId,
      at: o.startAt,
      event: 'started',
      from: 'scheduled',
      to: 'running',
      fields,
    },
  ]);
  const setFirmware = db.prepare('UPDATE devices SET firmware = ? WHERE id = ?');
  const batch = o.batch ?? 200;
  let at = o.startAt;
  for (let first = 0; first < ids.length; first += batch) {
    const writes: JournalWrite[] = [];
    for (let i = first; i < Math.min(first + batch, ids.length); i += 1) {
      const result = outcome(i);
      if (result === 'skipped') continue;
      at += gap;
      const queued = blankExecution(ids[i]!, o.names[i]!, 0, o.startAt);
      const running: ExecutionSummary = {
        ...queued,
        state: 'running',
        attempt: 1,
        startedAt: at - gap,
        updatedAt: at - gap,
      };
      const ended: ExecutionSummary =
        result === 'succeeded'
          ? {
              ...running,
              state: 'succeeded',
              finishedAt: at,
              updatedAt: at,
              result: `running ${FIRMWARE_AFTER}`,
            }
          : {
              ...running,
              state: 'failed',
              reason: 'timeout',
              message: 'no reply in 180 s',
              finishedAt: at,
              updatedAt: at,
            };
      if (result === 'succeeded') setFirmware.run(FIRMWARE_AFTER, ids[i]);
      writes.push(
        { kind: 'execution', jobId: o.jobId, position: i, before: queued, after: running, event: 'started' },
        {
          kind: 'execution',
          jobId: o.jobId,
          position: i,
          before: running,
          after: ended,
          event: 'step-succeeded',
        },
      );
    }
    publish(writes);
  }
  const end = at + gap;
  publish([
    {
      kind: 'job',
      jobId: o.jobId,
      at: end,
      event: 'completed',
      from: 'running',
      to: 'completed',
      fields: { ...fields, finishedAt: end },
    },
  ]);
  return end;
}

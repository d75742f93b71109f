import type { ExecutionState } from '../../../shared/domain/job';
import { emptyCounts, isFailedExecution } from '../../../shared/domain/job-rules';
import type { ReportDevice, ReportProgress, ReportSummary } from '../../../shared/domain/report';

/** Most points a progress series has: enough for a chart's width, small in the JSON. */
export const MAX_PROGRESS_POINTS = 200;

interface ModelCounts {
  deviceIds: Set<string>;
  deviceRuns: number;
  succeeded: number;
  failed: number;
}

/**
 * Counts per outcome, per model and per firmware transition (pure). Each device of each run is a device run;
 * a device two runs touched is one distinct device with two device runs.
 */
export function summarizeDevices(devices: readonly ReportDevice[]): ReportSummary {
  const byOutcome = emptyCounts();
  const models = new Map<string | null, ModelCounts>();
  const transitions = new Map<string, { from: string | null; to: string | null; devices: number }>();
  for (const d of devices) {
    byOutcome[d.outcome] += 1;
    const model = models.get(d.model) ?? { deviceIds: new Set(), deviceRuns: 0, succeeded: 0, failed: 0 };
    model.deviceIds.add(d.deviceId);
    model.deviceRuns += 1;
    if (d.outcome === 'succeeded') model.succeeded += 1;
    if (isFailedExecution(d.outcome)) model.failed += 1;
    models.set(d.model, model);
    const key = JSON.stringify([d.firmwareBefore, d.firmwareAfter]);
    const t = transitions.get(key) ?? { from: d.firmwareBefore, to: d.firmwareAfter, devices: 0 };
    t.devices += 1;
    transitions.set(key, t);
  }
  const byModel = [...models.entries()]
    .map(([model, { deviceIds, deviceRuns, succeeded, failed }]) => ({
      model,
      devices: deviceRuns,
      distinctDevices: deviceIds.size,
      deviceRuns,
      succeeded,
      failed,
    }))
    .sort((a, b) => Number(a.model === null) - Number(b.model === null) || b.deviceRuns - a.deviceRuns);
  const versionTransitions = [...transitions.values()].sort((a, b) => b.devices - a.devices);
  return {
    devices: devices.length,
    distinctDevices: new Set(devices.map((d) => d.deviceId)).size,
    deviceRuns: devices.length,
    byOutcome,
    byModel,
    versionTransitions,
  };
}

/**
 * Finished devices over time: the cumulative count at each end time, thinned to at most
 * MAX_PROGRESS_POINTS evenly spaced in time (each point keeps the count reached by then, so the curve never
 * rises early). `total` is every device of the scope, finished or not. `since` (the first run's start), when
 * earlier than the first end, adds a first point with none finished, so the curve shows the wait before it.
 */
export function progressSeries(
  finishTimes: readonly number[],
  total: number,
  since: number | null = null,
): ReportProgress {
  const sorted = [...finishTimes].sort((a, b) => a - b);
  if (sorted.length === 0) return { points: [], total };
  const withStart = since !== null && since < sorted[0]! ? { at: since, finished: 0 } : null;
  const series = thin(sorted);
  return { points: withStart ? [withStart, ...series] : series, total };
}

function thin(times: readonly number[]): ReportProgress['points'] {
  const first = times[0]!;
  const last = times[times.length - 1]!;
  // One point is kept for the start when there is one: the thinned series has room for MAX - 1.
  const room = MAX_PROGRESS_POINTS - 1;
  if (times.length <= room || first === last) {
    const points = times.map((at, i) => ({ at, finished: i + 1 }));
    return points.filter((p, i) => points[i + 1]?.at !== p.at);
  }
  const step = (last - first) / (room - 1);
  const points: ReportProgress['points'] = [];
  let i = 0;
  for (let k = 0; k < room; k += 1) {
    const at = k === room - 1 ? last : Math.floor(first + k * step);
    while (i < times.length && times[i]! <= at) i += 1;
    if (points[points.length - 1]?.at !== at) points.push({ at, finished: i });
  }
  return points;
}

/** The words a technician reads for an outcome. */
export const OUTCOME_WORDS: Record<ExecutionState, string> = {
  queued: 'not started',
  'waiting-offline': 'waiting (offline)',
  running: 'running',
  succeeded: 'succeeded',
  failed: 'failed',
  'timed-out': 'timed out',
  skipped: 'skipped',
  canceled: 'canceled',
  unknown: 'unknown (interrupted)',
};

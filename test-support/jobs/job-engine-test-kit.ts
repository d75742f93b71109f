import type { DeviceId } from '../../shared/domain/device';
import { JobSpecSchema, type JobPlan, type JobSpec, type JobSpecInput } from '../../shared/domain/job';
import type { DeviceDriver } from '../../electron/core/drivers/device-driver';
import { DriverRegistry } from '../../electron/core/drivers/driver-registry';
import { createRandomIdSource } from '../../electron/core/ids';
import { silentLogger } from '../../electron/core/logging/json-logger';
import type { EventSink } from '../../electron/core/ports';
import type { Db } from '../../electron/core/storage/database';
import type { DeviceRepository } from '../../electron/core/storage/repositories/device-repository';
import { SettingsRepository } from '../../electron/core/storage/repositories/settings-repository';
import { FakeStepServices } from '../core/fake-step-services';
import { InMemoryJobStore } from '../../electron/core/jobs/in-memory-job-store';
import { JobEngine } from '../../electron/core/jobs/job-engine';
import type { JobStore } from '../../electron/core/jobs/job-store';
import { planWaves } from '../../electron/core/jobs/rollout-plan';

// Shared by the engine's unit tests.

export const spec = (
  deviceIds: DeviceId[],
  policy: JobSpecInput['policy'] = {},
  steps: JobSpecInput['steps'] = [{ action: 'reboot' }],
) => JobSpecSchema.parse({ version: 1, name: 'Reboot', targets: { deviceIds }, steps, policy });

/** What the planner would say for devices that are all runnable (the planner has its own tests). */
export function planAll(s: JobSpec): JobPlan {
  const ids = s.targets.deviceIds;
  const p = s.policy;
  const waves = planWaves(ids, {
    canary: p.canary,
    waveSizes: p.waves.sizes,
    wavePercents: p.waves.percents,
  });
  const waveOf = new Map(waves.flatMap((w, i) => w.map((id) => [id, i] as const)));
  return {
    devices: ids.map((id) => ({
      deviceId: id,
      deviceName: id,
      family: 'shelly',
      model: 'SNSW-001P16EU',
      online: true,
      currentVersion: '1.4.2',
      targetVersion: null,
      steps: s.steps.map((st) => st.action),
      wave: waveOf.get(id)!,
      skip: null,
      deferred: false,
    })),
    runnable: ids.length,
    skipped: 0,
    waves: waves.map((w, i) => ({ index: i, canary: i === 0 && !!p.canary, size: w.length })),
    destructive: s.steps.some((st) => st.action === 'factory-reset'),
    firmwareServer: null,
    warnings: [],
  };
}

/** One library image for the seeded devices' model, served as version 1.6.0. */
export const services = new FakeStepServices({
  firmware: [
    {
      family: 'shelly',
      models: ['SNSW-001P16EU'],
      url: 'http://127.0.0.1:1/fw',
      sha256: 'a'.repeat(64),
      size: 1,
      version: '1.6.0',
      fwId: null,
    },
  ],
});

/**
 * An engine with one driver, real clock, the services above and a fast tick; its settings on `db`, its jobs in
 * memory unless a store is given (share one between engines to stand for a restart).
 */
export function engineOn(
  db: Db,
  deps: { devices: DeviceRepository; driver: DeviceDriver; events: EventSink; jobs?: JobStore },
) {
  return new JobEngine({
    services: () => services,
    jobs: deps.jobs ?? new InMemoryJobStore(),
    devices: deps.devices,
    drivers: new DriverRegistry([deps.driver]),
    settings: new SettingsRepository(db),
    events: deps.events,
    clock: { now: () => Date.now() },
    ids: createRandomIdSource(),
    logger: silentLogger,
    resolveTargets: (s) => s.targets.deviceIds,
    random: () => 0.5,
    tickMs: 20,
  });
}

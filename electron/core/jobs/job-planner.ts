import { deviceLabel, type DeviceId, type DeviceSummary } from '../../../shared/domain/device';
import { DESTRUCTIVE_ACTIONS } from '../../../shared/domain/device-actions';
import type { FirmwareImage } from '../../../shared/domain/firmware';
import type { GroupId } from '../../../shared/domain/group';
import type { DevicePlan, JobPlan, JobSpec } from '../../../shared/domain/job';
import type { DeviceCredentials } from '../drivers/device-driver';
import { DomainError } from '../errors';
import { judgeDevice, type DeviceLookups, type JudgedDevice } from './plan-device';
import { checkFirmwareServer, type FirmwareServerProbe } from './plan-firmware-server';
import { planWarnings } from './plan-warnings';
import { planWaves } from './rollout-plan';

/** The inventory as the planner reads it (DeviceRepository). */
export interface PlannerInventory {
  /** Every device, online or not; `capabilities` says which step actions its driver runs. */
  list(): DeviceSummary[];
  /**
   * The identify payload the device last sent (Shelly `auth_en`); null when unknown. Read only for devices a
   * rule needs it for, at most once per device and plan. Firmware matching reads the stored `chip` instead.
   */
  identifyPayload(id: DeviceId): unknown;
}

/** Group membership (GroupService). */
export interface PlannerGroups {
  /**
   * Members now: a static group's devices, or what a smart group's filter matches in `inventory`.
   * Throws DomainError NOT_FOUND for an unknown group.
   */
  members(id: GroupId, inventory: readonly DeviceSummary[]): DeviceId[];
}

/** The firmware library (FirmwareLibrary). */
export interface PlannerFirmwareLibrary {
  /** An image by hash, with `present` telling whether its file is still there; null when not imported. */
  get(sha256: string): FirmwareImage | null;
}

/** Credential sets (CredentialService). */
export interface PlannerCredentials {
  /** The login a device would use (its own set, else the site default); null when none, or its password is gone. */
  forDevice(id: DeviceId): Promise<DeviceCredentials | null>;
}

export interface JobPlannerDeps {
  devices: PlannerInventory;
  groups: PlannerGroups;
  library: PlannerFirmwareLibrary;
  credentials: PlannerCredentials;
  /** Asked only when the job has a firmware step. */
  firmwareServer: FirmwareServerProbe;
}

const MAX_IDS_IN_MESSAGE = 10;
// Fixed locale so the order does not depend on the machine; numeric so "Relay 2" comes before "Relay 10".
const byLabel = new Intl.Collator('en', { numeric: true, sensitivity: 'base' });

/**
 * The dry run (`jobs.plan`) and the target list a job freezes at start: which devices a spec reaches, what
 * each would get or why it is skipped, the waves, and whether the firmware server can serve. It reads the
 * inventory, groups, library and credential sets, and sends nothing to any device.
 */
export class JobPlanner {
  constructor(private readonly deps: JobPlannerDeps) {}

  /**
   * The targets' union, each once: `targets.deviceIds` first in the order given, then the current members of
   * `targets.groupIds` by name (then id). Unknown explicit ids are kept (the plan refuses them); an unknown
   * group throws NOT_FOUND.
   */
  resolveTargets(spec: JobSpec): DeviceId[] {
    return this.resolve(spec, this.deps.devices.list());
  }

  /** Throws DomainError NOT_FOUND, listing them, when a target is not in the inventory; nothing is planned then. */
  async plan(spec: JobSpec): Promise<JobPlan> {
    const inventory = this.deps.devices.list();
    const byId = new Map(inventory.map((d) => [d.id, d]));
    const ids = this.resolve(spec, inventory);
    const unknown = ids.filter((id) => !byId.has(id));
    if (unknown.length > 0) {
      const shown = unknown.slice(0, MAX_IDS_IN_MESSAGE).join(', ');
      const more =
        unknown.length > MAX_IDS_IN_MESSAGE ? ` and ${unknown.length - MAX_IDS_IN_MESSAGE} more` : '';
      throw new DomainError('NOT_FOUND', `not in the inventory: ${shown}${more}`, { deviceIds: unknown });
    }
    const needsFirmware = spec.steps.some((s) => s.action === 'firmware-update');
    const [judged, firmwareServer] = await Promise.all([
      this.judgeAll(
        spec,
        ids.map((id) => byId.get(id)!),
      ),
      needsFirmware ? checkFirmwareServer(this.deps.firmwareServer) : null,
    ]);
    const waves = planWaves(
      judged.filter((d) => d.skip === null),
      {
        canary: spec.policy.canary,
        waveSizes: spec.policy.waves.sizes,
        wavePercents: spec.policy.waves.percents,
      },
    );
    const waveOf = new Map<DeviceId, number>();
    waves.forEach((wave, index) => wave.forEach((d) => waveOf.set(d.deviceId, index)));
    const devices: DevicePlan[] = judged.map((d) => ({ ...d, wave: waveOf.get(d.deviceId) ?? null }));
    const runnable = waveOf.size;
    return {
      devices,
      runnable,
      skipped: devices.length - runnable,
      waves: waves.map((wave, index) => ({
        index,
        canary: index === 0 && spec.policy.canary !== null,
        size: wave.length,
      })),
      destructive: spec.steps.some((s) => DESTRUCTIVE_ACTIONS.has(s.action)),
      firmwareServer,
      warnings: planWarnings(devices, firmwareServer, spec.policy),
    };
  }

  private resolve(spec: JobSpec, inventory: readonly DeviceSummary[]): DeviceId[] {
    const chosen = new Set<DeviceId>(spec.targets.deviceIds);
    const fromGroups = new Set<DeviceId>();
    for (const groupId of spec.targets.groupIds) {
      for (const id of this.deps.groups.members(groupId, inventory)) if (!chosen.has(id)) fromGroups.add(id);
    }
    const labels = new Map(inventory.map((d) => [d.id, deviceLabel(d)]));
    const label = (id: DeviceId) => labels.get(id) ?? id;
    const sorted = [...fromGroups].sort((a, b) => byLabel.compare(label(a), label(b)) || (a < b ? -1 : 1));
    return [...chosen, ...sorted];
  }

  private async judgeAll(spec: JobSpec, targets: readonly DeviceSummary[]): Promise<JudgedDevice[]> {
    // An image is looked up once per plan: the library stats its file on every `get`.
    const images = new Map<string, FirmwareImage | null>();
    const image = (sha256: string) => {
      if (!images.has(sha256)) images.set(sha256, this.deps.library.get(sha256));
      return images.get(sha256)!;
    };
    const judged: JudgedDevice[] = [];
    for (const device of targets)
      judged.push(await judgeDevice(device, spec, this.lookupsFor(device, image)));
    return judged;
  }

  private lookupsFor(device: DeviceSummary, image: DeviceLookups['image']): DeviceLookups {
    let raw: { value: unknown } | null = null;
    return {
      raw: () => (raw ??= { value: this.deps.devices.identifyPayload(device.id) }).value,
      image,
      hasCredentials: async () => (await this.deps.credentials.forDevice(device.id)) !== null,
    };
  }
}

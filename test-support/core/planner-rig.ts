import type { DeviceId, DeviceSummary } from '../../shared/domain/device';
import { STEP_ACTIONS } from '../../shared/domain/device-actions';
import type { FirmwareImage, SelfCheck } from '../../shared/domain/firmware';
import type { GroupId } from '../../shared/domain/group';
import { JobSpecSchema, type JobSpec, type JobSpecInput, type JobStep } from '../../shared/domain/job';
import { FAKE_DEFAULT_CAPABILITIES } from '../drivers/fake/fake-driver';
import { DomainError } from '../../electron/core/errors';
import { JobPlanner } from '../../electron/core/jobs/job-planner';
import { SHELLY_MODELS } from '../../simulator/shelly/shelly-models';

/** The job planner over in-memory ports, with inventory and library builders, for the planner's unit tests. */
const SHELLY_CAPS = [...FAKE_DEFAULT_CAPABILITIES];
const TASMOTA_CAPS = [...STEP_ACTIONS];
export const SHA_A = 'a'.repeat(64);
export const SHA_B = 'b'.repeat(64);
export const SHA_C = 'c'.repeat(64);
/** The simulator's Shelly Plus 1PM: the SKU and app every device and image here carry unless told otherwise. */
const PLUS_1PM = SHELLY_MODELS.find((m) => m.app === 'Plus1PM')!;

let macSeq = 0;
export function device(name: string, over: Partial<DeviceSummary> = {}): DeviceSummary {
  const mac = (0xa8032a000000 + ++macSeq).toString(16);
  return {
    id: `mac:${mac}` as DeviceId,
    family: 'shelly',
    name,
    customName: null,
    model: PLUS_1PM.model,
    product: PLUS_1PM.app,
    chip: null,
    generation: 2,
    firmware: '1.4.2',
    firmwareSemver: '1.4.2',
    mac,
    address: '192.0.2.1:80',
    online: true,
    offlineReason: null,
    firstSeenAt: 0,
    lastSeenAt: 0,
    sources: ['mdns'],
    tags: [],
    neverTouch: false,
    capabilities: over.family === 'tasmota' ? TASMOTA_CAPS : SHELLY_CAPS,
    ...over,
  };
}

export function image(sha256: string, over: Partial<FirmwareImage> = {}): FirmwareImage {
  return {
    sha256,
    fileName: `${sha256.slice(0, 4)}.fw`,
    size: 1024,
    family: 'shelly',
    format: 'shelly-zip',
    kind: 'ota',
    chip: null,
    app: PLUS_1PM.app,
    project: null,
    models: [PLUS_1PM.model],
    version: '1.6.0',
    versionSource: 'manifest',
    fwId: null,
    build: null,
    notes: '',
    notices: [],
    importedAt: 0,
    present: true,
    ...over,
  };
}

export const reachable: SelfCheck = {
  ok: true,
  checks: [{ interface: 'eth0', address: '192.0.2.5', port: 8070, outcome: 'reachable', message: 'ok' }],
  message: 'Devices can download from http://192.0.2.5:8070 (checked through that address).',
};

/** In-memory ports: an inventory, groups (static lists or smart predicates), a library, credentials, a server. */
export function rig(
  devices: DeviceSummary[],
  options: {
    raw?: Record<string, unknown>;
    staticGroups?: Record<string, DeviceId[]>;
    smartGroups?: Record<string, (d: DeviceSummary) => boolean>;
    images?: FirmwareImage[];
    withCredentials?: DeviceId[];
    listening?: boolean;
    selfCheck?: SelfCheck;
  } = {},
) {
  const calls = { selfCheck: 0, identifyPayload: [] as DeviceId[] };
  const planner = new JobPlanner({
    devices: {
      list: () => devices,
      identifyPayload: (id) => {
        calls.identifyPayload.push(id);
        return options.raw?.[id] ?? null;
      },
    },
    groups: {
      members: (id: GroupId, inventory) => {
        const listed = options.staticGroups?.[id];
        if (listed) return listed;
        const matches = options.smartGroups?.[id];
        if (matches) return inventory.filter(matches).map((d) => d.id);
        throw new DomainError('NOT_FOUND', `no group ${id}`);
      },
    },
    library: { get: (sha) => options.images?.find((i) => i.sha256 === sha) ?? null },
    credentials: {
      forDevice: async (id) =>
        options.withCredentials?.includes(id) ? { username: 'admin', password: 'secret' } : null,
    },
    firmwareServer: {
      info: () => ({
        status: {
          listening: options.listening ?? true,
          bindAddress: '0.0.0.0',
          port: 8070,
          error: options.listening === false ? 'port 8070 is in use by another program' : null,
          activeDownloads: 0,
          activeJobs: 0,
        },
      }),
      selfCheck: async () => {
        calls.selfCheck += 1;
        return options.selfCheck ?? reachable;
      },
    },
  });
  return { planner, calls };
}

export function spec(
  targets: JobSpecInput['targets'],
  steps: JobStep[] = [{ action: 'reboot' }],
  policy: JobSpecInput['policy'] = {},
): JobSpec {
  return JobSpecSchema.parse({ version: 1, name: 'Night update', targets, steps, policy });
}

export const firmware = (...images: string[]): JobStep => ({ action: 'firmware-update', images });
export const only = (ids: DeviceId[]) => ({ deviceIds: ids });

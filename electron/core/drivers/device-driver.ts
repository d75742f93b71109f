import type { DeviceFamily, DeviceId, Endpoint } from '../../../shared/domain/device';
import type { JobStep, StepAction } from '../../../shared/domain/job';

/** How to reach a device: the shared endpoint union (HTTP, ESPHome API, MQTT topic, serial path). */
export type DeviceEndpoint = Endpoint;
export type HttpEndpoint = Extract<Endpoint, { transport: 'http' }>;

/** A DNS-SD service as announced, before any driver has confirmed what it is. */
export interface AnnouncedService {
  /** DNS-SD type without the leading underscore, e.g. `shelly`, `http`, `esphomelib`. */
  type: string;
  name: string;
  host: string;
  port: number;
  txt: Readonly<Record<string, string>>;
}

/** What identify() learned from the device itself. */
export interface IdentifiedDevice {
  id: DeviceId;
  family: DeviceFamily;
  name: string | null;
  model: string;
  product: string | null;
  generation: number | null;
  firmware: string;
  mac: string;
  raw: unknown;
}

/** The device a step runs on, as the inventory knows it. */
export interface DeviceTarget {
  id: DeviceId;
  mac: string | null;
  endpoint: DeviceEndpoint;
}

export interface DriverContext {
  /** Aborted on cancel or step timeout; `signal.reason` tells which. Drivers must stop promptly. */
  signal: AbortSignal;
  /** Short human-readable progress ("waiting for the device to come back"). */
  onProgress?: (message: string) => void;
}

/**
 * One device family. Every method either resolves with a verified result or throws a DeviceError whose
 * reason says what went wrong; a step resolves only after a read-back from the device confirmed it.
 */
export interface DeviceDriver {
  readonly family: DeviceFamily;
  /** The step actions this driver can run; the planner refuses the others up front. */
  readonly capabilities: readonly StepAction[];
  /** mDNS service types (without underscore) this family announces. */
  readonly mdnsServiceTypes: readonly string[];
  /** Cheap check on an announcement, before any network call: could this be one of ours? */
  recognizes(service: AnnouncedService): boolean;
  /** The endpoint to confirm an announced service on (e.g. HTTP at its SRV port). */
  endpointFor(service: AnnouncedService): DeviceEndpoint;
  /** Asks the device who it is; `service` carries what it announced (TXT), when it was announced. */
  identify(
    endpoint: DeviceEndpoint,
    ctx: DriverContext,
    service?: AnnouncedService,
  ): Promise<IdentifiedDevice>;
  /** Runs one step and verifies it on the device. */
  runStep(step: JobStep, target: DeviceTarget, ctx: DriverContext): Promise<void>;
}

/** The abort reason a driver sees when the step's time budget ran out (as opposed to a cancel). */
export class StepDeadlineExceeded extends Error {
  override name = 'StepDeadlineExceeded';
}

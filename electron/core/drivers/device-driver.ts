import type { DeviceFamily, DeviceId } from '../../../shared/domain/device';
import type { JobStep, StepAction } from '../../../shared/domain/job';

/** How to reach a device. New transports (MQTT topic, serial path) join this union. */
export interface HttpEndpoint {
  transport: 'http';
  host: string;
  port: number;
}
export type DeviceEndpoint = HttpEndpoint;

/** A service seen by a discovery source, before any driver has confirmed what it is. */
export interface ServiceSighting {
  source: 'mdns';
  /** DNS-SD type without the leading underscore, e.g. `shelly` or `http`. */
  serviceType: string;
  instanceName: string;
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
  /** Cheap check on a sighting, before any network call: could this be one of ours? */
  recognizes(sighting: ServiceSighting): boolean;
  /** Asks the device who it is. */
  identify(endpoint: DeviceEndpoint, ctx: DriverContext): Promise<IdentifiedDevice>;
  /** Runs one step and verifies it on the device. */
  runStep(step: JobStep, target: DeviceTarget, ctx: DriverContext): Promise<void>;
}

/** The abort reason a driver sees when the step's time budget ran out (as opposed to a cancel). */
export class StepDeadlineExceeded extends Error {
  override name = 'StepDeadlineExceeded';
}

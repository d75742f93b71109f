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
  /**
   * The chip the device runs on, as firmware images name it (`ESP8266`, `ESP32`, `ESP32-C3`, …), read from
   * the device itself (Tasmota `StatusFWR.Hardware`, ESPHome TXT `platform`/`board`); null or absent when this
   * identification could not tell (Shelly images match on the app, not the chip).
   */
  chip?: string | null;
  raw: unknown;
}

/** The device a step runs on, as the inventory knows it. */
export interface DeviceTarget {
  id: DeviceId;
  family: DeviceFamily;
  mac: string | null;
  model: string;
  /** Every known endpoint, online ones first, then the most recently seen: the driver picks its transport. */
  endpoints: readonly DeviceEndpoint[];
}

export interface DeviceCredentials {
  username: string;
  password: string;
}

/** A library image made available to one device for one step. */
export interface ServedFirmware {
  /** Where the device downloads it (our firmware server, with the job's token). */
  url: string;
  sha256: string;
  size: number;
  /** The version the device must report afterwards (Shelly `ver`, numeric part of Tasmota `Version`). */
  version: string;
  /** Shelly `fw_id` expected afterwards, when the image says. */
  fwId: string | null;
}

/** How a firmware step picks its image (the step's own options). */
export interface FirmwareOptions {
  /** Install an image older than the version the device runs (the step's `allowDowngrade`); default false. */
  allowDowngrade?: boolean;
}

/** What a step may need from the app; drivers never reach into storage or the library themselves. */
export interface StepServices {
  /**
   * The image among `images` made for this device (Shelly: its app; Tasmota, ESPHome: its chip; no factory
   * image; no downgrade unless `options` allow it), served for this step; null if none. The library's
   * provider throws a DeviceError with the reason instead of returning null.
   */
  firmwareFor(
    images: readonly string[],
    target: DeviceTarget,
    options?: FirmwareOptions,
  ): Promise<ServedFirmware | null>;
  /** Credentials to log in to the device (device set, else site set); null when none is configured. */
  credentialsFor(target: DeviceTarget): Promise<DeviceCredentials | null>;
  /** A credential set by id (set-password); null for an unknown id. */
  credentialSet(id: string): Promise<DeviceCredentials | null>;
  /** After a verified password change: from now on this device logs in with that set (null: none needed). */
  rememberCredentials(target: DeviceTarget, credentialSetId: string | null): Promise<void>;
  /** Stores a collected snapshot (secrets must already be removed); returns its artifact id. */
  saveArtifact(target: DeviceTarget, kind: string, content: unknown): Promise<string>;
}

export interface StepProgress {
  message: string;
  /** 0..100 when known. */
  percent?: number;
}

export interface DriverContext {
  /** Aborted on cancel or step timeout; `signal.reason` tells which. Drivers must stop promptly. */
  signal: AbortSignal;
  /** Progress worth showing ("downloading 42 %", "waiting for the device to come back"). */
  onProgress?: (progress: StepProgress) => void;
  /** Present for steps; identify calls during discovery get only credentials, if any. */
  services?: StepServices;
  credentials?: DeviceCredentials | null;
}

/** The device's identity as a step's own verification read it: what `identify` would answer now. */
export type StepReadBack = Pick<IdentifiedDevice, 'id' | 'firmware' | 'name' | 'chip' | 'raw'>;

/** What a verified step reports. */
export interface StepResult {
  /** One line saying what was verified, e.g. "running 1.6.0 (fw_id …), uptime 3 s". */
  summary: string;
  artifactId?: string;
  /**
   * The identity the step last read from the device (its verification read, when the step ends with one),
   * written into the inventory so no second identify is sent after the step. Absent when the step read none.
   */
  readBack?: StepReadBack;
}

/** What the device says about itself now. */
export interface DeviceState {
  firmware: string;
  uptimeSeconds: number | null;
  raw: unknown;
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
  /** Reads firmware, uptime and the raw status now (for plans and re-verification after a crash). */
  readState(target: DeviceTarget, ctx: DriverContext): Promise<DeviceState>;
  /** Runs one step and verifies it on the device. */
  runStep(step: JobStep, target: DeviceTarget, ctx: DriverContext): Promise<StepResult>;
}

/** The abort reason a driver sees when the step's time budget ran out (as opposed to a cancel). */
export class StepDeadlineExceeded extends Error {
  override name = 'StepDeadlineExceeded';
}

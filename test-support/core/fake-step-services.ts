import type { DeviceFamily } from '../../shared/domain/device';
import type {
  DeviceCredentials,
  DeviceTarget,
  ServedFirmware,
  StepServices,
} from '../../electron/core/drivers/device-driver';

/** An image the fake library knows: which devices it fits and how it is served. */
export interface FakeFirmwareImage extends ServedFirmware {
  family: DeviceFamily;
  /** Models (SKU, module or chip) it is made for; compared case-insensitively with `target.model`. */
  models: readonly string[];
}

export interface SavedArtifact {
  id: string;
  deviceId: string;
  kind: string;
  content: unknown;
}

export interface FakeStepServicesOptions {
  firmware?: readonly FakeFirmwareImage[];
  /** Credentials per device id; `siteCredentials` for every other device. */
  deviceCredentials?: Record<string, DeviceCredentials>;
  siteCredentials?: DeviceCredentials | null;
  /** Credential sets by id (set-password). */
  credentialSets?: Record<string, DeviceCredentials>;
}

/**
 * StepServices for driver tests: an in-memory firmware library (picked by family and model, as the app's
 * library does), credentials per device or site, credential sets, and artifacts kept in memory. It records
 * what drivers asked for, so tests can prove e.g. that no firmware was requested for a refused step.
 */
export class FakeStepServices implements StepServices {
  readonly artifacts: SavedArtifact[] = [];
  readonly firmwareRequests: { images: readonly string[]; deviceId: string }[] = [];
  private readonly firmware: FakeFirmwareImage[];
  private readonly deviceCredentials: Map<string, DeviceCredentials>;
  private siteCredentials: DeviceCredentials | null;
  private readonly credentialSets: Map<string, DeviceCredentials>;

  constructor(options: FakeStepServicesOptions = {}) {
    this.firmware = [...(options.firmware ?? [])];
    this.deviceCredentials = new Map(Object.entries(options.deviceCredentials ?? {}));
    this.siteCredentials = options.siteCredentials ?? null;
    this.credentialSets = new Map(Object.entries(options.credentialSets ?? {}));
  }

  addFirmware(image: FakeFirmwareImage): this {
    this.firmware.push(image);
    return this;
  }

  /** Changes the site credentials (e.g. after a set-password step). */
  setSiteCredentials(credentials: DeviceCredentials | null): this {
    this.siteCredentials = credentials;
    return this;
  }

  addCredentialSet(id: string, credentials: DeviceCredentials): this {
    this.credentialSets.set(id, credentials);
    return this;
  }

  async firmwareFor(images: readonly string[], target: DeviceTarget): Promise<ServedFirmware | null> {
    this.firmwareRequests.push({ images, deviceId: target.id });
    const model = target.model.toLowerCase();
    const image = this.firmware.find(
      (f) =>
        images.includes(f.sha256) &&
        f.family === target.family &&
        f.models.some((m) => m.toLowerCase() === model),
    );
    if (!image) return null;
    const { url, sha256, size, version, fwId } = image;
    return { url, sha256, size, version, fwId };
  }

  /** As the app does after a verified set-password: the device now logs in with that set. */
  async rememberCredentials(target: DeviceTarget, credentialSetId: string | null): Promise<void> {
    const set = credentialSetId === null ? undefined : this.credentialSets.get(credentialSetId);
    if (set) this.deviceCredentials.set(target.id, set);
    else this.deviceCredentials.delete(target.id);
  }

  async credentialsFor(target: DeviceTarget): Promise<DeviceCredentials | null> {
    return this.deviceCredentials.get(target.id) ?? this.siteCredentials;
  }

  async credentialSet(id: string): Promise<DeviceCredentials | null> {
    return this.credentialSets.get(id) ?? null;
  }

  async saveArtifact(target: DeviceTarget, kind: string, content: unknown): Promise<string> {
    const id = `art_${String(this.artifacts.length + 1).padStart(8, '0')}`;
    this.artifacts.push({ id, deviceId: target.id, kind, content: structuredClone(content) });
    return id;
  }
}

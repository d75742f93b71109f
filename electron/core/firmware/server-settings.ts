import {
  FirmwareServerSettingsSchema,
  type FirmwareServerSettings,
  type FirmwareServerSettingsUpdate,
} from '../../../shared/domain/firmware';
import type { SettingsRepository } from '../storage/repositories/settings-repository';

const KEY = 'firmwareServer';

/**
 * All interfaces, any free port, 32 downloads at once, no bandwidth limit. The download cap sits above the job
 * engine's default concurrency: devices do not retry a refused download, so a cap below it fails updates.
 */
export const DEFAULT_SERVER_SETTINGS: FirmwareServerSettings = {
  interface: null,
  port: null,
  maxConcurrent: 32,
  bandwidthKiBps: null,
};

/** The firmware server's settings, in the settings table (a stored value that no longer parses → defaults). */
export class ServerSettingsStore {
  constructor(private readonly settings: SettingsRepository) {}

  get(): FirmwareServerSettings {
    return this.settings.read(
      KEY,
      DEFAULT_SERVER_SETTINGS,
      (v) => FirmwareServerSettingsSchema.safeParse(v).data ?? null,
    );
  }

  /** Applies a patch (absent fields keep their value) and returns the new settings. */
  update(patch: FirmwareServerSettingsUpdate): FirmwareServerSettings {
    const before = this.get();
    const next: FirmwareServerSettings = {
      interface: patch.interface === undefined ? before.interface : patch.interface,
      port: patch.port === undefined ? before.port : patch.port,
      maxConcurrent: patch.maxConcurrent ?? before.maxConcurrent,
      bandwidthKiBps: patch.bandwidthKiBps === undefined ? before.bandwidthKiBps : patch.bandwidthKiBps,
    };
    this.settings.write(KEY, next);
    return next;
  }
}

import type { Clock, IdSource, Logger } from '../ports';
import type { SecretStore } from '../secrets/secret-store';
import type { Db } from '../storage/database';
import { BundleDeviceRepository } from '../storage/repositories/bundle-device-repository';
import type { DeviceRepository } from '../storage/repositories/device-repository';
import { FirmwareRepository } from '../storage/repositories/firmware-repository';
import { GroupRepository } from '../storage/repositories/group-repository';
import { SettingsRepository } from '../storage/repositories/settings-repository';
import { TemplateRepository } from '../storage/repositories/template-repository';
import { installHere, installSources, type InstallRepositories } from './bundle-sources';
import { BundleSigner } from './bundle-signer';
import { SignerTrust } from './signer-trust';
import { SiteBundleService, createdByHere } from './site-bundle-service';
import { SiteBundleWriter } from './site-bundle-writer';

export interface BundleModuleOptions {
  dataDir: string;
  db: Db;
  devices: DeviceRepository;
  secrets: SecretStore;
  ids: IdSource;
  clock: Clock;
  logger: Logger;
  version: string;
  /** Where the firmware library keeps the image with this hash. */
  imagePath: (sha256: string) => string;
  /** After an import committed: announce the changed inventory, groups, library and templates. */
  imported: () => void;
}

/** The site bundle service over this install's repositories; the composition root calls this once. */
export function createBundleModule(options: BundleModuleOptions): SiteBundleService {
  const { db } = options;
  const repos: InstallRepositories = {
    devices: options.devices,
    groups: new GroupRepository(db),
    templates: new TemplateRepository(db),
    firmware: new FirmwareRepository(db),
    imagePath: options.imagePath,
  };
  const signer = new BundleSigner(options.secrets);
  return new SiteBundleService({
    dataDir: options.dataDir,
    writer: new SiteBundleWriter({
      sources: installSources(repos),
      signer,
      createdBy: createdByHere(options.version),
    }),
    here: installHere(repos),
    apply: {
      bundleDevices: new BundleDeviceRepository(db),
      devices: options.devices,
      groups: repos.groups as GroupRepository,
      templates: repos.templates as TemplateRepository,
      firmware: repos.firmware as FirmwareRepository,
      imagePath: options.imagePath,
    },
    trust: new SignerTrust(new SettingsRepository(db), async () => (await signer.publicKey()).fingerprint),
    ids: options.ids,
    clock: options.clock,
    logger: options.logger,
    imported: options.imported,
  });
}

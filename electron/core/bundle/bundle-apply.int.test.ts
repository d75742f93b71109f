import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { BundleImage } from '../../../shared/domain/bundle';
import type { TemplateId } from '../../../shared/domain/templates';
import { EMPTY_TEMPLATE_REFS } from '../../../shared/domain/template-refs';
import { makeTempDir } from '../../../test-support/core/temp-dir';
import { plugRollout } from '../../../test-support/templates/template-test-specs';
import { silentLogger } from '../logging/json-logger';
import { openDatabase, type Db } from '../storage/database';
import { BundleDeviceRepository } from '../storage/repositories/bundle-device-repository';
import { DeviceRepository } from '../storage/repositories/device-repository';
import { FirmwareRepository } from '../storage/repositories/firmware-repository';
import { GroupRepository } from '../storage/repositories/group-repository';
import { TemplateRepository } from '../storage/repositories/template-repository';
import { applyBundle, type BundleApplyDeps } from './bundle-apply';
import type { BundleContent } from './bundle-content';
import { planImport } from './bundle-plan';
import { installHere } from './bundle-sources';

const SHA = 'c'.repeat(64);
const meta: BundleImage = {
  sha256: SHA,
  fileName: 'x.zip',
  size: 3,
  family: 'shelly',
  format: 'shelly-zip',
  kind: 'ota',
  chip: null,
  app: 'Plus1PM',
  project: null,
  models: [],
  version: '1.6.0',
  versionSource: 'manifest',
  fwId: null,
  build: null,
  notes: '',
  notices: [],
};

describe('applying a checked bundle', () => {
  const dir = makeTempDir('fieldbatch-apply-');
  const firmwareDir = join(dir.path, 'firmware');
  let db: Db;
  let deps: BundleApplyDeps;
  let content: BundleContent;
  beforeEach(() => {
    mkdirSync(firmwareDir, { recursive: true });
    const staged = join(dir.path, 'staged');
    writeFileSync(staged, 'abc');
    db = openDatabase({ file: ':memory:', logger: silentLogger, now: () => 1 });
    deps = {
      bundleDevices: new BundleDeviceRepository(db),
      devices: new DeviceRepository(db),
      groups: new GroupRepository(db),
      templates: new TemplateRepository(db),
      firmware: new FirmwareRepository(db),
      imagePath: (sha) => join(firmwareDir, sha),
    };
    content = {
      images: [{ meta, stagedPath: staged }],
      templates: [
        {
          id: 'tpl_aaaaaaaa' as TemplateId,
          version: 1,
          name: 'Rollout',
          spec: plugRollout,
          refs: EMPTY_TEMPLATE_REFS,
        },
      ],
      groups: [],
      devices: [],
    };
  });
  afterEach(() => {
    db.close();
    dir.cleanup();
  });

  const plan = () =>
    planImport(
      content,
      installHere({
        devices: new DeviceRepository(db),
        groups: new GroupRepository(db),
        templates: new TemplateRepository(db),
        firmware: new FirmwareRepository(db),
        imagePath: deps.imagePath,
      }),
    );

  it('moves the image in and writes the rows', async () => {
    await applyBundle(content, plan(), { ...deps, note: 'n', at: 5 });
    expect(readdirSync(firmwareDir)).toEqual([SHA]);
    expect(deps.firmware.getImage(SHA)?.importedAt).toBe(5);
  });

  it('takes the moved image out again when the transaction fails, so nothing changed', async () => {
    const failing = {
      ...deps,
      templates: {
        addVersion: () => {
          throw new Error('disk full');
        },
      },
    };
    await expect(applyBundle(content, plan(), { ...failing, note: 'n', at: 5 })).rejects.toThrow('disk full');
    expect(readdirSync(firmwareDir)).toEqual([]);
    expect(deps.firmware.getImage(SHA)).toBeNull();
    expect(existsSync(join(firmwareDir, SHA))).toBe(false);
  });
});

import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BundleExportResult } from '../../../shared/domain/bundle';
import { buildEspImage, buildShellyFirmwareZip } from '../../../simulator';
import { downloadExport, snapshotInstall, uploadBundle } from '../../../test-support/bundle/bundle-kit';
import { startTestAppCore, type TestAppCore } from '../../../test-support/core/test-app-core';
import { seedDevices } from '../../../test-support/core/seed-devices';
import { makeTempDir } from '../../../test-support/core/temp-dir';
import { FakeDriver } from '../../../test-support/drivers/fake/fake-driver';
import { plugRollout } from '../../../test-support/templates/template-test-specs';
import { silentLogger } from '../logging/json-logger';
import { openDatabase } from '../storage/database';
import { DeviceRepository } from '../storage/repositories/device-repository';

const zip = buildShellyFirmwareZip({
  app: 'Plus1PM',
  version: '1.6.0',
  buildId: '20250901-101010/1.6.0-gfeed123',
  partSize: 700_000,
});
const esp = buildEspImage({ chip: 'ESP32', version: '14.4.0' });
const SECRET = 'canary-s3cret-pw';

async function importImage(app: TestAppCore, fileName: string, bytes: Buffer): Promise<void> {
  const { uploadId } = await app.call('firmware.beginUpload', { fileName, size: bytes.length });
  for (let offset = 0; offset < bytes.length; offset += 512 * 1024) {
    const dataBase64 = bytes.subarray(offset, offset + 512 * 1024).toString('base64');
    await app.call('firmware.uploadChunk', { uploadId, offset, dataBase64 });
  }
  await app.call('firmware.finishUpload', { uploadId });
}

describe('a site bundle from the office to a fresh install', () => {
  const officeDir = makeTempDir('fieldbatch-office-');
  let office: TestAppCore;
  let site: TestAppCore;
  let bundle: Buffer;
  let exported: BundleExportResult;

  beforeAll(async () => {
    const db = openDatabase({
      file: join(officeDir.path, 'fieldbatch.db'),
      logger: silentLogger,
      now: () => 1,
    });
    const ids = seedDevices(new DeviceRepository(db), 3);
    db.close();
    office = await startTestAppCore({ dataDir: officeDir.path, drivers: [new FakeDriver()] });
    site = await startTestAppCore({ drivers: [new FakeDriver()] });
    await importImage(office, 'shelly-plus1pm-1.6.0.zip', zip);
    await importImage(office, 'tasmota32.bin', esp);
    await office.call('devices.update', {
      id: ids[0]!,
      customName: 'Hall plug',
      tags: ['hall'],
      notes: 'by the door',
    });
    await office.call('groups.create', { kind: 'static', name: 'Hall', deviceIds: ids.slice(0, 2) });
    await office.call('groups.create', {
      kind: 'smart',
      name: 'All Shelly',
      filter: { families: ['shelly'] },
    });
    await office.call('templates.save', { name: 'Plug rollout', spec: plugRollout, note: '' });
    const set = await office.call('credentials.save', {
      name: 'Site admin',
      username: 'admin',
      password: SECRET,
      siteDefault: false,
    });
    await office.call('credentials.assign', { deviceIds: ids, credentialSetId: set.id });
    exported = await office.call('bundle.export', {
      include: { images: true, templates: true, groups: true, devices: true },
    });
    bundle = await downloadExport(office, exported);
  });
  afterAll(async () => {
    await office.close();
    await site.close();
    officeDir.cleanup();
  });

  it('writes one ustar file that tar lists, manifest first', () => {
    expect(bundle.length).toBe(exported.size);
    const file = join(officeDir.path, 'check.tar');
    writeFileSync(file, bundle);
    const names = execFileSync('tar', ['-tf', file], { encoding: 'utf8' }).trim().split('\n');
    expect(names.slice(0, 2)).toEqual(['manifest.json', 'manifest.sig']);
    expect(names).toContain('groups.json');
    expect(names).toContain('devices.json');
    expect(names.filter((n) => n.startsWith('firmware/'))).toHaveLength(3);
    expect(names.filter((n) => n.startsWith('templates/'))).toHaveLength(1);
    // Neither the office's signing key nor a device password travels.
    expect(bundle.toString('latin1')).not.toContain('PRIVATE KEY');
    expect(bundle.toString('latin1')).not.toContain(SECRET);
    expect(bundle.toString('latin1')).not.toContain('Site admin');
  });

  it('previews every item as added, with the manifest hash and the office fingerprint', async () => {
    const uploadId = await uploadBundle(site, bundle);
    const before = snapshotInstall(site.dataDir);
    const preview = await site.call('bundle.preview', { uploadId });
    expect(snapshotInstall(site.dataDir)).toBe(before);
    expect(preview.manifestSha256).toBe(exported.manifestSha256);
    expect(preview.signerFingerprint).toBe(exported.signerFingerprint);
    expect(preview.signerStatus).toBe('first-use');
    expect(preview.counts).toEqual({ images: 2, templates: 1, groups: 2, devices: 3 });
    expect(preview.tally.image).toEqual({ added: 2, updated: 0, unchanged: 0 });
    expect(preview.tally.device.added).toBe(3);
  });

  it('imports images byte for byte, templates, groups and devices, and pins the signer', async () => {
    const uploadId = await uploadBundle(site, bundle);
    const result = await site.call('bundle.import', { uploadId, trustSigner: false });
    expect(result.tally.template.added).toBe(1);
    const images = await site.call('firmware.list', {});
    expect(images.map((i) => i.version).sort()).toEqual(['1.6.0', '14.4.0']);
    for (const [image, bytes] of [
      [images.find((i) => i.version === '1.6.0')!, zip],
      [images.find((i) => i.version === '14.4.0')!, esp],
    ] as const) {
      expect(readFileSync(join(site.dataDir, 'firmware', image.sha256)).equals(bytes)).toBe(true);
    }
    expect((await site.call('templates.list', {})).map((t) => t.name)).toEqual(['Plug rollout']);
    const groups = await site.call('groups.list', {});
    expect(groups.map((g) => g.name).sort()).toEqual(['All Shelly', 'Hall']);
    expect(groups.find((g) => g.name === 'Hall')).toMatchObject({ deviceIds: expect.any(Array) });
    const devices = await site.call('devices.list', {});
    expect(devices).toHaveLength(3);
    expect(devices.find((d) => d.customName === 'Hall plug')).toMatchObject({
      tags: ['hall'],
      online: false,
    });
    const hall = groups.find((g) => g.name === 'Hall');
    expect(hall?.kind === 'static' && hall.deviceIds).toHaveLength(2);
  });

  it('finds everything unchanged the second time and changes nothing', async () => {
    const uploadId = await uploadBundle(site, bundle);
    const preview = await site.call('bundle.preview', { uploadId });
    expect(preview.signerStatus).toBe('pinned');
    expect(preview.items.every((i) => i.change === 'unchanged')).toBe(true);
    const before = snapshotInstall(site.dataDir);
    await site.call('bundle.import', { uploadId, trustSigner: false });
    expect(snapshotInstall(site.dataDir)).toBe(before);
  });

  it('brings later office changes as updates: a new template version, a new device name', async () => {
    const [template] = await office.call('templates.list', {});
    await office.call('templates.save', {
      templateId: template!.id,
      name: 'Plug rollout v2',
      spec: plugRollout,
      note: '',
    });
    const hall = (await office.call('devices.list', {})).find((d) => d.customName === 'Hall plug')!;
    await office.call('devices.update', { id: hall.id, customName: 'Hall plug (left)' });
    const again = await office.call('bundle.export', {
      include: { images: false, templates: true, groups: false, devices: true },
    });
    const uploadId = await uploadBundle(site, await downloadExport(office, again));
    const preview = await site.call('bundle.preview', { uploadId });
    expect(preview.tally.template).toEqual({ added: 0, updated: 1, unchanged: 0 });
    expect(preview.tally.device).toEqual({ added: 0, updated: 1, unchanged: 2 });
    await site.call('bundle.import', { uploadId, trustSigner: false });
    const [siteTemplate] = await site.call('templates.list', {});
    expect(siteTemplate).toMatchObject({ name: 'Plug rollout v2', versions: 2 });
    const devices = await site.call('devices.list', {});
    expect(devices.map((d) => d.customName)).toContain('Hall plug (left)');
  });

  it('applies two imports of the same bundle one after the other: the second finds it all there', async () => {
    const [template] = await office.call('templates.list', {});
    await office.call('templates.save', {
      templateId: template!.id,
      name: 'Plug rollout v3',
      spec: plugRollout,
      note: '',
    });
    const again = await office.call('bundle.export', {
      include: { images: false, templates: true, groups: false, devices: false },
    });
    const bytes = await downloadExport(office, again);
    const uploads = [await uploadBundle(site, bytes), await uploadBundle(site, bytes)];
    const results = await Promise.all(
      uploads.map((uploadId) => site.call('bundle.import', { uploadId, trustSigner: false })),
    );
    expect(results.map((r) => r.tally.template)).toEqual([
      { added: 0, updated: 1, unchanged: 0 },
      { added: 0, updated: 0, unchanged: 1 },
    ]);
    const [siteTemplate] = await site.call('templates.list', {});
    expect(siteTemplate).toMatchObject({ name: 'Plug rollout v3', versions: 3 });
  });

  it('knows a bundle it exported itself as its own: imported without trust, and no signer pinned', async () => {
    const uploadId = await uploadBundle(office, bundle);
    const preview = await office.call('bundle.preview', { uploadId });
    expect(preview.signerStatus).toBe('own');
    const result = await office.call('bundle.import', { uploadId, trustSigner: false });
    expect(result.signerFingerprint).toBe(exported.signerFingerprint);
    const again = await office.call('bundle.preview', { uploadId: await uploadBundle(office, bundle) });
    expect(again.signerStatus).toBe('own');
  });
});

import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BundleProblem } from '../../../shared/domain/bundle';
import { buildShellyFirmwareZip } from '../../../simulator';
import {
  downloadExport,
  entry,
  entriesOf,
  snapshotInstall,
  tarEntry,
  uploadBundle,
  withChecksum,
  withEntries,
} from '../../../test-support/bundle/bundle-kit';
import { startTestAppCore, type TestAppCore } from '../../../test-support/core/test-app-core';
import { makeTempDir } from '../../../test-support/core/temp-dir';
import { FakeDriver } from '../../../test-support/drivers/fake/fake-driver';
import type { SecretStore } from '../secrets/secret-store';
import { BundleSigner } from './bundle-signer';
import { SiteBundleWriter } from './site-bundle-writer';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

const zip = buildShellyFirmwareZip({
  app: 'Plus1PM',
  version: '1.6.0',
  buildId: 'b/1.6.0-g1',
  partSize: 40_000,
});
const memorySecrets = (): SecretStore => {
  const values = new Map<string, string>();
  return {
    get: async (k) => values.get(k) ?? null,
    set: async (k, v) => void values.set(k, v),
    delete: async (k) => void values.delete(k),
  };
};

/** A bundle a real signer signed, holding one image whose bytes fail the firmware checks. */
async function signedBundleWithBadImage(): Promise<Buffer> {
  const bad = buildShellyFirmwareZip({
    app: 'Plus1PM',
    version: '1.6.1',
    buildId: 'b/1.6.1-g2',
    tamper: 'part-sha1',
  });
  const dir = makeTempDir('fieldbatch-bad-');
  try {
    const imageFile = join(dir.path, 'image');
    await writeFile(imageFile, bad);
    const sha256 = createHash('sha256').update(bad).digest('hex');
    const meta = {
      sha256,
      fileName: 'shelly-plus1pm-1.6.1.zip',
      size: bad.length,
      family: 'shelly' as const,
      format: 'shelly-zip' as const,
      kind: 'ota' as const,
      chip: null,
      app: 'Plus1PM',
      project: null,
      models: [],
      version: '1.6.1',
      versionSource: 'manifest' as const,
      fwId: 'b/1.6.1-g2',
      build: null,
      notes: '',
      notices: [],
    };
    const writer = new SiteBundleWriter({
      sources: {
        images: () => [{ meta, path: imageFile }],
        templates: () => [],
        groups: () => [],
        devices: () => [],
      },
      signer: new BundleSigner(memorySecrets()),
      createdBy: 'a test',
    });
    const dest = join(dir.path, 'bundle.tar');
    await writer.write({ images: true, templates: false, groups: false, devices: false }, dest, 1_000);
    return await readFile(dest);
  } finally {
    dir.cleanup();
  }
}

function patched(archive: Buffer, at: number, bytes: Buffer | string): Buffer {
  const copy = Buffer.from(archive);
  (typeof bytes === 'string' ? Buffer.from(bytes, 'latin1') : bytes).copy(copy, at);
  return copy;
}

describe('a damaged or tampered site bundle is refused with its reason and changes nothing', () => {
  let office: TestAppCore;
  let site: TestAppCore;
  let good: Buffer;
  beforeAll(async () => {
    office = await startTestAppCore({ drivers: [new FakeDriver()] });
    site = await startTestAppCore({ drivers: [new FakeDriver()] });
    const { uploadId } = await office.call('firmware.beginUpload', {
      fileName: 'plus1pm.zip',
      size: zip.length,
    });
    await office.call('firmware.uploadChunk', { uploadId, offset: 0, dataBase64: zip.toString('base64') });
    await office.call('firmware.finishUpload', { uploadId });
    await office.call('groups.create', {
      kind: 'smart',
      name: 'All Shelly',
      filter: { families: ['shelly'] },
    });
    const exported = await office.call('bundle.export', {
      include: { images: true, templates: true, groups: true, devices: true },
    });
    good = await downloadExport(office, exported);
  });
  afterAll(async () => {
    await office.close();
    await site.close();
  });

  async function expectRefused(bytes: Buffer, problem: BundleProblem, words: RegExp): Promise<void> {
    const before = snapshotInstall(site.dataDir);
    for (const command of ['bundle.preview', 'bundle.import'] as const) {
      const uploadId = await uploadBundle(site, bytes);
      const input = command === 'bundle.import' ? { uploadId, trustSigner: true } : { uploadId };
      const reply = await site.dispatch(command, input);
      expect(reply.ok).toBe(false);
      if (reply.ok) return;
      expect(reply.error.code).toBe('CONFLICT');
      expect(reply.error.details).toMatchObject({ problem });
      expect(reply.error.message).toMatch(words);
    }
    expect(snapshotInstall(site.dataDir)).toBe(before);
  }

  it('a header whose checksum does not match: corrupt archive', async () => {
    const groups = entry(good, 'groups.json');
    await expectRefused(patched(good, groups.headerOffset + 1, 'X'), 'corrupt-archive', /header checksum/);
  });

  it('a file whose bytes changed: wrong hash, naming the file', async () => {
    const groups = entry(good, 'groups.json');
    const at = groups.dataOffset + good.indexOf('All Shelly', groups.dataOffset) - groups.dataOffset;
    await expectRefused(patched(good, at, 'Evil'), 'wrong-hash', /groups\.json does not match the manifest/);
  });

  it('an image whose bytes changed: wrong hash, naming the image by its file name from the index', async () => {
    const image = entriesOf(good).find((e) => /^firmware\/[0-9a-f]{64}$/.test(e.name))!;
    const short = image.name.slice('firmware/'.length, 'firmware/'.length + 4);
    await expectRefused(
      patched(good, image.dataOffset + 100, 'XXXX'),
      'wrong-hash',
      new RegExp(`^plus1pm\\.zip \\(firmware/${short}…\\) does not match the manifest`),
    );
  });

  it('a plain text file: not a site bundle, in plain words', async () => {
    const text = Buffer.from('Site notes: plug by the door, reboot after update.\n'.repeat(40));
    await expectRefused(text, 'not-a-bundle', /^it is not an archive$/);
    await expectRefused(Buffer.from('too short\n'), 'not-a-bundle', /^it is not an archive$/);
  });

  it('a file cut short: truncated', async () => {
    await expectRefused(good.subarray(0, good.length - 3000), 'truncated', /truncated/);
  });

  it('a name that climbs out of the bundle: path traversal', async () => {
    const groups = entry(good, 'groups.json');
    const header = Buffer.from(good.subarray(groups.headerOffset, groups.headerOffset + 512));
    header.fill(0, 0, 100);
    header.write('../../etc/cron.d/x', 0, 'utf8');
    await expectRefused(
      patched(good, groups.headerOffset, withChecksum(header)),
      'unsafe-name',
      /path traversal/,
    );
  });

  it('a manifest above 4 MiB: huge manifest, refused before it is read', async () => {
    const huge = Buffer.concat([
      tarEntry('manifest.json', Buffer.alloc(5 * 1024 * 1024, 0x20)),
      Buffer.alloc(1024),
    ]);
    await expectRefused(huge, 'manifest-too-large', /more than the 4194304/);
  });

  it('a format this app does not know: unknown format version', async () => {
    const manifest = entry(good, 'manifest.json');
    const at = good.indexOf('"formatVersion": 1', manifest.dataOffset);
    await expectRefused(
      patched(good, at, '"formatVersion": 7'),
      'unknown-format-version',
      /format version 7/,
    );
  });

  it('a manifest changed after signing: signature mismatch', async () => {
    const manifest = entry(good, 'manifest.json');
    const at = good.indexOf('"createdBy": "', manifest.dataOffset) + '"createdBy": "'.length;
    await expectRefused(patched(good, at, 'X'), 'signature-mismatch', /changed after it was signed/);
  });

  it('no manifest first: missing manifest', async () => {
    const groups = entry(good, 'groups.json');
    const body = good.subarray(groups.dataOffset, groups.dataOffset + groups.size);
    await expectRefused(
      Buffer.concat([tarEntry('groups.json', body), Buffer.alloc(1024)]),
      'missing-manifest',
      /an archive without a Fieldbatch manifest/,
    );
  });

  it('a file the manifest does not list: extra file', async () => {
    const extra = tarEntry('templates/tpl_zzzzzzzz.v1.json', Buffer.from('{}'));
    await expectRefused(
      withEntries(good, extra),
      'unlisted-file',
      /templates\/tpl_zzzzzzzz\.v1\.json, which its manifest does not list/,
    );
  });

  it('an image that fails the firmware checks, though signed and hashed: bad image', async () => {
    await expectRefused(
      await signedBundleWithBadImage(),
      'bad-image',
      /shelly-plus1pm-1\.6\.1\.zip fails the firmware checks/,
    );
  });

  it('a signer other than the pinned one is refused unless trusted', async () => {
    const uploadId = await uploadBundle(site, good);
    await site.call('bundle.import', { uploadId, trustSigner: false });
    const writer = new SiteBundleWriter({
      sources: { images: () => [], templates: () => [], groups: () => [], devices: () => [] },
      signer: new BundleSigner(memorySecrets()),
      createdBy: 'someone else',
    });
    const dir = makeTempDir('fieldbatch-other-');
    await writer.write(
      { images: false, templates: false, groups: true, devices: false },
      join(dir.path, 'b.tar'),
      5,
    );
    const stranger = await readFile(join(dir.path, 'b.tar'));
    dir.cleanup();
    const before = snapshotInstall(site.dataDir);
    const strangerUpload = await uploadBundle(site, stranger);
    const preview = await site.call('bundle.preview', { uploadId: strangerUpload });
    expect(preview.signerStatus).toBe('unknown');
    const reply = await site.dispatch('bundle.import', { uploadId: strangerUpload, trustSigner: false });
    expect(reply.ok === false && reply.error.details).toMatchObject({ problem: 'untrusted-signer' });
    expect(snapshotInstall(site.dataDir)).toBe(before);
  });
});

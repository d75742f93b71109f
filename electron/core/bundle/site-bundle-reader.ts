import { createHash } from 'node:crypto';
import { open, type FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import { BUNDLE_FORMAT_VERSION, MAX_BUNDLE_ENTRIES, MAX_MANIFEST_BYTES } from '../../../shared/domain/bundle';
import { MAX_FIRMWARE_BYTES } from '../../../shared/domain/firmware';
import { BundleError } from './bundle-errors';
import {
  IMAGES_INDEX_PATH,
  MANIFEST_PATH,
  ManifestSchema,
  SIGNATURE_PATH,
  SignatureFileSchema,
  imageOf,
  isDataPath,
  type Manifest,
  type ManifestEntry,
} from './bundle-manifest';
import { checkEntryName } from './bundle-names';
import { fingerprintOf, verifySignature } from './bundle-signer';
import { TarReader, type TarEntry } from './ustar';

/** JSON entries (groups, devices, templates, the image index) are read whole; larger ones are refused. */
const MAX_JSON_BYTES = 32 * 1024 * 1024;

/** A bundle whose every byte was checked: manifest signed, every listed file present with its size and hash. */
export interface VerifiedBundle {
  manifest: Manifest;
  manifestSha256: string;
  signerFingerprint: string;
  /** Image hash → its bytes, copied into the staging folder. */
  images: Map<string, string>;
  /** Every other listed entry, by path. */
  json: Map<string, Buffer>;
}

const sha256 = (data: Buffer) => createHash('sha256').update(data).digest('hex');

/**
 * Reads a bundle file once, start to end, and refuses it at the first problem (BundleError, see
 * BundleProblemSchema): images are copied into `stagingDir` while hashed, so nothing outside it is touched.
 */
export class SiteBundleReader {
  async read(path: string, stagingDir: string): Promise<VerifiedBundle> {
    const file = await open(path, 'r');
    try {
      return await new ReadPass(new TarReader(file, (await file.stat()).size), stagingDir).run();
    } finally {
      await file.close();
    }
  }
}

class ReadPass {
  private count = 0;
  private readonly seen = new Set<string>();

  constructor(
    private readonly tar: TarReader,
    private readonly stagingDir: string,
  ) {}

  async run(): Promise<VerifiedBundle> {
    const { manifest, bytes } = await this.readManifest();
    const signerFingerprint = await this.checkSignature(manifest, bytes);
    const listed = new Map(manifest.entries.map((e) => [e.path, e]));
    const images = new Map<string, string>();
    const json = new Map<string, Buffer>();
    for (let entry = await this.nextEntry(); entry; entry = await this.nextEntry()) {
      const expected = listed.get(entry.name);
      if (!expected) {
        throw new BundleError(
          'unlisted-file',
          `the bundle holds ${entry.name}, which its manifest does not list (added after signing?)`,
          { path: entry.name },
        );
      }
      if (entry.size !== expected.size) {
        throw new BundleError(
          'wrong-size',
          `${entry.name} holds ${entry.size} bytes, the manifest says ${expected.size}`,
          { path: entry.name },
        );
      }
      const sha = imageOf(entry.name);
      if (sha)
        images.set(sha, await this.stageImage(entry, expected, sha, imageLabel(json, entry.name, sha)));
      else json.set(entry.name, await this.readJson(entry, expected));
    }
    const missing = manifest.entries.find((e) => !this.seen.has(e.path));
    if (missing) {
      throw new BundleError('missing-file', `the manifest lists ${missing.path}, which the bundle lacks`, {
        path: missing.path,
      });
    }
    return { manifest, manifestSha256: sha256(bytes), signerFingerprint, images, json };
  }

  /** The next entry with a safe, new name; null at the end. */
  private async nextEntry(): Promise<TarEntry | null> {
    const entry = await this.tar.next();
    if (!entry) return null;
    this.count += 1;
    if (this.count > MAX_BUNDLE_ENTRIES) {
      throw new BundleError('too-many-entries', `the bundle holds more than ${MAX_BUNDLE_ENTRIES} files`);
    }
    checkEntryName(entry.name);
    if (this.seen.has(entry.name)) {
      throw new BundleError('duplicate-entry', `the bundle holds ${entry.name} twice`, { path: entry.name });
    }
    this.seen.add(entry.name);
    return entry;
  }

  /** The first entry; a file whose very first header does not read is another kind of file, not a bundle. */
  private async firstEntry(): Promise<TarEntry | null> {
    try {
      return await this.nextEntry();
    } catch (error) {
      const unreadable =
        error instanceof BundleError &&
        (error.problem === 'corrupt-archive' || error.problem === 'truncated');
      if (unreadable) throw new BundleError('not-a-bundle', 'it is not an archive');
      throw error;
    }
  }

  private async readManifest(): Promise<{ manifest: Manifest; bytes: Buffer }> {
    const first = await this.firstEntry();
    if (!first || first.name !== MANIFEST_PATH) {
      throw new BundleError('missing-manifest', 'it is an archive without a Fieldbatch manifest');
    }
    if (first.size > MAX_MANIFEST_BYTES) {
      throw new BundleError(
        'manifest-too-large',
        `the manifest is ${first.size} bytes, more than the ${MAX_MANIFEST_BYTES} a bundle may have`,
      );
    }
    const bytes = await this.whole(first);
    let raw: unknown;
    try {
      raw = JSON.parse(bytes.toString('utf8'));
    } catch {
      throw new BundleError('bad-manifest', 'manifest.json is not JSON');
    }
    const version = (raw as { formatVersion?: unknown } | null)?.formatVersion;
    if (version !== BUNDLE_FORMAT_VERSION) {
      throw new BundleError(
        'unknown-format-version',
        `the bundle is format version ${JSON.stringify(version)}; this app reads version ${BUNDLE_FORMAT_VERSION}`,
        { formatVersion: version ?? null },
      );
    }
    const parsed = ManifestSchema.safeParse(raw);
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      throw new BundleError('bad-manifest', `manifest.json: ${issue.path.join('.')}: ${issue.message}`);
    }
    checkEntries(parsed.data.entries);
    return { manifest: parsed.data, bytes };
  }

  private async checkSignature(manifest: Manifest, manifestBytes: Buffer): Promise<string> {
    const mismatch = (why: string) =>
      new BundleError('signature-mismatch', `the bundle's signature does not hold: ${why}`);
    const entry = await this.nextEntry();
    if (!entry || entry.name !== SIGNATURE_PATH) throw mismatch('manifest.sig is missing after the manifest');
    if (entry.size > 4096) throw mismatch('manifest.sig is too large');
    let signature: Buffer;
    try {
      const file = SignatureFileSchema.parse(JSON.parse((await this.whole(entry)).toString('utf8')));
      signature = Buffer.from(file.signature, 'base64');
    } catch {
      throw mismatch('manifest.sig is not a signature file');
    }
    const publicKey = Buffer.from(manifest.signer.publicKey, 'base64');
    const fingerprint = fingerprintOf(publicKey);
    if (fingerprint !== manifest.signer.fingerprint)
      throw mismatch("the manifest's fingerprint is not its key's");
    if (!verifySignature(publicKey, manifestBytes, signature)) {
      throw mismatch('the manifest was changed after it was signed, or signed by another key');
    }
    return fingerprint;
  }

  /** `label` names the image for technicians: its file name from the index, then its short path. */
  private async stageImage(
    entry: TarEntry,
    expected: ManifestEntry,
    sha: string,
    label: string,
  ): Promise<string> {
    if (entry.size > MAX_FIRMWARE_BYTES) {
      throw new BundleError('bad-image', `${label} is larger than any firmware image may be`, {
        path: entry.name,
      });
    }
    const target = join(this.stagingDir, sha);
    const hash = createHash('sha256');
    let out: FileHandle | null = await open(target, 'wx', 0o600);
    try {
      for await (const chunk of this.tar.content(entry)) {
        hash.update(chunk);
        await out.write(chunk);
      }
      await out.sync();
      await out.close();
      out = null;
    } finally {
      await out?.close();
    }
    const actual = hash.digest('hex');
    checkHash(entry.name, expected, actual, label);
    if (actual !== sha) {
      throw new BundleError('wrong-hash', `${label} is not the image its name says (sha256 ${actual})`, {
        path: entry.name,
      });
    }
    return target;
  }

  private async readJson(entry: TarEntry, expected: ManifestEntry): Promise<Buffer> {
    if (entry.size > MAX_JSON_BYTES) {
      throw new BundleError('bad-content', `${entry.name} is larger than ${MAX_JSON_BYTES} bytes`, {
        path: entry.name,
      });
    }
    const bytes = await this.whole(entry);
    checkHash(entry.name, expected, sha256(bytes));
    return bytes;
  }

  private async whole(entry: TarEntry): Promise<Buffer> {
    const chunks: Buffer[] = [];
    for await (const chunk of this.tar.content(entry)) chunks.push(chunk);
    return Buffer.concat(chunks);
  }
}

/**
 * An image as technicians know it: "tasmota-14.4.0.bin.gz (firmware/7b9e…)". The index is written before the
 * images (site-bundle-writer) and was hash-checked already; without it (or its record) the path alone.
 */
function imageLabel(json: Map<string, Buffer>, path: string, sha: string): string {
  const short = `firmware/${sha.slice(0, 4)}…`;
  const index = json.get(IMAGES_INDEX_PATH);
  if (!index) return path;
  try {
    const records: unknown = JSON.parse(index.toString('utf8'));
    const record = Array.isArray(records)
      ? (records as { sha256?: unknown; fileName?: unknown }[]).find((r) => r?.sha256 === sha)
      : undefined;
    return typeof record?.fileName === 'string' ? `${record.fileName} (${short})` : path;
  } catch {
    return path;
  }
}

function checkHash(path: string, expected: ManifestEntry, actual: string, label = path): void {
  if (actual !== expected.sha256) {
    throw new BundleError(
      'wrong-hash',
      `${label} does not match the manifest: its SHA-256 differs, so it was damaged or changed after signing`,
      { path, expected: expected.sha256, actual },
    );
  }
}

/** The manifest's own list: bounded, each name safe and in the layout, none twice. */
function checkEntries(entries: readonly ManifestEntry[]): void {
  if (entries.length > MAX_BUNDLE_ENTRIES - 2) {
    throw new BundleError('too-many-entries', `the manifest lists more than ${MAX_BUNDLE_ENTRIES - 2} files`);
  }
  const paths = new Set<string>();
  for (const entry of entries) {
    checkEntryName(entry.path);
    if (!isDataPath(entry.path)) {
      throw new BundleError('bad-manifest', `the manifest lists ${entry.path}, which is not a data file`);
    }
    if (paths.has(entry.path)) {
      throw new BundleError('duplicate-entry', `the manifest lists ${entry.path} twice`, {
        path: entry.path,
      });
    }
    paths.add(entry.path);
  }
}

import type { DeviceId } from '../../../../shared/domain/device';
import type {
  DownloadResult,
  FirmwareDownload,
  FirmwareFamily,
  FirmwareFormat,
  FirmwareKind,
  VersionSource,
} from '../../../../shared/domain/firmware';
import type { Db } from '../database';
import { statementCache } from '../statement-cache';

/** A library entry as stored (whether its file is still on disk is the library's business). */
export interface StoredFirmwareImage {
  sha256: string;
  fileName: string;
  size: number;
  family: FirmwareFamily;
  format: FirmwareFormat;
  kind: FirmwareKind;
  chip: string | null;
  app: string | null;
  project: string | null;
  models: string[];
  version: string;
  versionSource: VersionSource;
  fwId: string | null;
  build: string | null;
  notes: string;
  notices: string[];
  importedAt: number;
}

export type NewDownload = Omit<FirmwareDownload, 'seq'>;

interface ImageRow {
  sha256: string;
  file_name: string;
  size: number;
  family: string;
  format: string;
  kind: string;
  chip: string | null;
  app: string | null;
  project: string | null;
  notices_json: string;
  models_json: string;
  version: string;
  fw_id: string | null;
  build: string | null;
  version_source: string;
  notes: string;
  imported_at: number;
}

interface DownloadRow {
  seq: number;
  sha256: string;
  job_id: string | null;
  device_id: string | null;
  remote: string;
  bytes: number;
  duration_ms: number;
  result: string;
  at: number;
}

function parseStrings(json: string): string[] {
  try {
    const value: unknown = JSON.parse(json);
    return Array.isArray(value) ? value.filter((m): m is string => typeof m === 'string') : [];
  } catch {
    return [];
  }
}

const toImage = (r: ImageRow): StoredFirmwareImage => ({
  sha256: r.sha256,
  fileName: r.file_name,
  size: r.size,
  family: r.family as FirmwareFamily,
  format: r.format as FirmwareFormat,
  kind: r.kind as FirmwareKind,
  chip: r.chip,
  app: r.app,
  project: r.project,
  models: parseStrings(r.models_json),
  version: r.version,
  versionSource: r.version_source as VersionSource,
  fwId: r.fw_id,
  build: r.build,
  notes: r.notes,
  notices: parseStrings(r.notices_json),
  importedAt: r.imported_at,
});

const toDownload = (r: DownloadRow): FirmwareDownload => ({
  seq: r.seq,
  sha256: r.sha256,
  jobId: r.job_id,
  deviceId: r.device_id as DeviceId | null,
  remote: r.remote,
  bytes: r.bytes,
  durationMs: r.duration_ms,
  result: r.result as DownloadResult,
  at: r.at,
});

/** The firmware library's index (`firmware_images`) and the download log (`firmware_downloads`). */
export class FirmwareRepository {
  private readonly sql: ReturnType<typeof statementCache>;

  constructor(private readonly db: Db) {
    this.sql = statementCache(db);
  }

  insertImage(image: StoredFirmwareImage): void {
    this.sql(
      `INSERT INTO firmware_images (sha256, file_name, size, family, format, kind, chip, app, project,
         models_json, version, fw_id, build, version_source, notes, notices_json, imported_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(
      image.sha256,
      image.fileName,
      image.size,
      image.family,
      image.format,
      image.kind,
      image.chip,
      image.app,
      image.project,
      JSON.stringify(image.models),
      image.version,
      image.fwId,
      image.build,
      image.versionSource,
      image.notes,
      JSON.stringify(image.notices),
      image.importedAt,
    );
  }

  getImage(sha256: string): StoredFirmwareImage | null {
    const row = this.sql('SELECT * FROM firmware_images WHERE sha256 = ?').get(sha256) as
      ImageRow | undefined;
    return row ? toImage(row) : null;
  }

  /** Newest first. */
  listImages(): StoredFirmwareImage[] {
    return (
      this.sql('SELECT * FROM firmware_images ORDER BY imported_at DESC, sha256').all() as ImageRow[]
    ).map(toImage);
  }

  updateImage(
    sha256: string,
    patch: { notes?: string; version?: string; versionSource?: VersionSource; models?: string[] },
  ): void {
    this.db.transaction(() => {
      if (patch.notes !== undefined)
        this.sql('UPDATE firmware_images SET notes = ? WHERE sha256 = ?').run(patch.notes, sha256);
      if (patch.version !== undefined && patch.versionSource !== undefined)
        this.sql('UPDATE firmware_images SET version = ?, version_source = ? WHERE sha256 = ?').run(
          patch.version,
          patch.versionSource,
          sha256,
        );
      if (patch.models !== undefined)
        this.sql('UPDATE firmware_images SET models_json = ? WHERE sha256 = ?').run(
          JSON.stringify(patch.models),
          sha256,
        );
    })();
  }

  deleteImage(sha256: string): boolean {
    return this.sql('DELETE FROM firmware_images WHERE sha256 = ?').run(sha256).changes > 0;
  }

  /** Writes a batch of download records in one transaction (one fsync for many downloads). */
  insertDownloads(rows: readonly NewDownload[]): void {
    if (rows.length === 0) return;
    const insert = this.sql(
      `INSERT INTO firmware_downloads (sha256, job_id, device_id, remote, bytes, duration_ms, result, at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    this.db.transaction(() => {
      for (const r of rows)
        insert.run(r.sha256, r.jobId, r.deviceId, r.remote, r.bytes, r.durationMs, r.result, r.at);
    })();
  }

  /** Newest first, optionally for one job and/or one image. */
  listDownloads(filter: { jobId?: string; sha256?: string; limit: number }): FirmwareDownload[] {
    return (
      this.sql(
        `SELECT * FROM firmware_downloads WHERE (@job IS NULL OR job_id = @job)
         AND (@sha IS NULL OR sha256 = @sha) ORDER BY seq DESC LIMIT @limit`,
      ).all({ job: filter.jobId ?? null, sha: filter.sha256 ?? null, limit: filter.limit }) as DownloadRow[]
    ).map(toDownload);
  }

  /** Devices with an HTTP or native-API endpoint at this address (at most two: one means unambiguous). */
  devicesAtHost(host: string): DeviceId[] {
    return (
      this.sql(
        `SELECT DISTINCT device_id FROM endpoints WHERE transport IN ('http', 'esphome-api')
         AND json_extract(endpoint_json, '$.host') = ? LIMIT 2`,
      ).all(host) as { device_id: string }[]
    ).map((r) => r.device_id as DeviceId);
  }
}

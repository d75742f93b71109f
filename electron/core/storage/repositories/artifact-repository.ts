import type { ArtifactMeta } from '../../../../shared/domain/artifacts';
import type { DeviceId } from '../../../../shared/domain/device';
import type { Db } from '../database';
import { statementCache } from '../statement-cache';

export interface ArtifactRow {
  id: string;
  device_id: string;
  job_id: string | null;
  kind: string;
  file: string;
  size: number;
  sha256: string;
  created_at: number;
}

export const toArtifactMeta = (r: ArtifactRow): ArtifactMeta => ({
  id: r.id,
  deviceId: r.device_id as DeviceId,
  jobId: r.job_id,
  kind: r.kind,
  size: r.size,
  sha256: r.sha256,
  createdAt: r.created_at,
});

export class ArtifactRepository {
  private readonly sql: ReturnType<typeof statementCache>;

  constructor(db: Db) {
    this.sql = statementCache(db);
  }

  insert(meta: ArtifactMeta, file: string): void {
    this.sql(
      'INSERT INTO artifacts (id, device_id, job_id, kind, file, size, sha256, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
    ).run(meta.id, meta.deviceId, meta.jobId, meta.kind, file, meta.size, meta.sha256, meta.createdAt);
  }

  get(id: string): { meta: ArtifactMeta; file: string } | null {
    const row = this.sql('SELECT * FROM artifacts WHERE id = ?').get(id) as ArtifactRow | undefined;
    return row ? { meta: toArtifactMeta(row), file: row.file } : null;
  }

  list(deviceId: DeviceId): ArtifactMeta[] {
    return (
      this.sql('SELECT * FROM artifacts WHERE device_id = ? ORDER BY created_at DESC').all(
        deviceId,
      ) as ArtifactRow[]
    ).map(toArtifactMeta);
  }
}

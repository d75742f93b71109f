import { createHash } from 'node:crypto';
import { closeSync, fsyncSync, mkdirSync, openSync, readFileSync, renameSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import type { ArtifactMeta } from '../../../shared/domain/artifacts';
import type { DeviceId } from '../../../shared/domain/device';
import { DomainError } from '../errors';
import type { Clock, IdSource } from '../ports';
import type { ArtifactRepository } from '../storage/repositories/artifact-repository';
import { redactSecrets } from './redact';

/**
 * Collected snapshots as JSON files in `<data>/artifacts/`, indexed in SQLite. Secrets are removed before the
 * bytes are written, and the file is fsynced and renamed into place so a crash never leaves half an artifact.
 */
export class ArtifactStore {
  private readonly dir: string;

  constructor(
    private readonly deps: {
      dataDir: string;
      repo: ArtifactRepository;
      ids: IdSource;
      clock: Clock;
      knownSecrets: () => Promise<string[]>;
    },
  ) {
    this.dir = join(deps.dataDir, 'artifacts');
  }

  async save(input: {
    deviceId: DeviceId;
    jobId: string | null;
    kind: string;
    content: unknown;
  }): Promise<ArtifactMeta> {
    mkdirSync(this.dir, { recursive: true });
    const id = this.deps.ids.next('art');
    const bytes = Buffer.from(
      JSON.stringify(redactSecrets(input.content, await this.deps.knownSecrets()), null, 2),
    );
    const file = `${id}.json`;
    const temp = join(this.dir, `${file}.tmp`);
    const fd = openSync(temp, 'w', 0o600);
    try {
      writeSync(fd, bytes);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(temp, join(this.dir, file));
    const meta: ArtifactMeta = {
      id,
      deviceId: input.deviceId,
      jobId: input.jobId,
      kind: input.kind,
      size: bytes.length,
      sha256: createHash('sha256').update(bytes).digest('hex'),
      createdAt: this.deps.clock.now(),
    };
    this.deps.repo.insert(meta, file);
    return meta;
  }

  get(id: string): { meta: ArtifactMeta; content: unknown } {
    const found = this.deps.repo.get(id);
    if (!found) throw new DomainError('NOT_FOUND', `no artifact ${id}`);
    return {
      meta: found.meta,
      content: JSON.parse(readFileSync(join(this.dir, found.file), 'utf8')) as unknown,
    };
  }

  list(deviceId: DeviceId): ArtifactMeta[] {
    return this.deps.repo.list(deviceId);
  }
}

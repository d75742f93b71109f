import type { DeviceId } from '../../../shared/domain/device';
import type { JobId } from '../../../shared/domain/job';

/** Devices an image was handed to under one token, with the addresses each is known at. */
export type GrantedDevices = ReadonlyMap<DeviceId, readonly string[]>;

interface Grant {
  jobId: JobId;
  images: Map<string, Map<DeviceId, readonly string[]>>;
}

/** URL-safe, 128 random bits: `/fw/<token>/<sha256>`. */
export const TOKEN_PATTERN = /^[A-Za-z0-9_-]{22}$/;

/**
 * One random token per job, and which images it may fetch. A request must present both a live token and an
 * image granted under it; anything else is "not found" before any file is looked at. Tokens live only in
 * memory: a restart or the job's end revokes them.
 */
export class ServeTokens {
  private readonly byToken = new Map<string, Grant>();
  private readonly byJob = new Map<JobId, string>();

  /** @param randomToken 22 URL-safe characters from a CSPRNG (injected for tests). */
  constructor(private readonly randomToken: () => string) {}

  /** Grants `sha256` to `device` under the job's token (created on first use); returns the token. */
  grant(jobId: JobId, sha256: string, device: { id: DeviceId; hosts: readonly string[] }): string {
    let token = this.byJob.get(jobId);
    if (!token) {
      token = this.randomToken();
      if (!TOKEN_PATTERN.test(token) || this.byToken.has(token)) throw new Error('bad or reused token');
      this.byJob.set(jobId, token);
      this.byToken.set(token, { jobId, images: new Map() });
    }
    const grant = this.byToken.get(token)!;
    let devices = grant.images.get(sha256);
    if (!devices) grant.images.set(sha256, (devices = new Map()));
    devices.set(device.id, device.hosts);
    return token;
  }

  /** The job and devices behind a token for this image; null when either is unknown. */
  lookup(token: string, sha256: string): { jobId: JobId; devices: GrantedDevices } | null {
    const grant = TOKEN_PATTERN.test(token) ? this.byToken.get(token) : undefined;
    const devices = grant?.images.get(sha256);
    return grant && devices ? { jobId: grant.jobId, devices } : null;
  }

  /** Ends a job's access at once; returns whether it had a token. */
  revokeJob(jobId: JobId): boolean {
    const token = this.byJob.get(jobId);
    if (!token) return false;
    this.byJob.delete(jobId);
    this.byToken.delete(token);
    return true;
  }

  get activeJobs(): number {
    return this.byJob.size;
  }
}

import type { DeviceId } from '../../../shared/domain/device';

/**
 * Write-ahead for starts: the devices next in line are announced in the journal before they are needed, so
 * a device can be contacted the moment its slot frees instead of after an fsync of its own "running" row.
 * After a crash an announced device still queued is re-verified like a step in flight (migration 0006), so
 * nothing is ever sent that the journal did not know might be.
 */
export class Announcements {
  /** On disk, not started since. */
  private readonly ready = new Set<DeviceId>();
  /** Written, not yet on disk. */
  private readonly writing = new Set<DeviceId>();

  constructor(
    private readonly deps: {
      /** How many devices to keep announced. */
      ahead: number;
      announce: (deviceIds: readonly DeviceId[], at: number) => Promise<void>;
      onError: (error: unknown) => void;
    },
  ) {}

  /** True when `id` may start without waiting for the disk; it is used up either way. */
  take(id: DeviceId): boolean {
    this.writing.delete(id);
    return this.ready.delete(id);
  }

  /**
   * Announces devices from `inLine` (next first) until `ahead` are announced. Announced devices no longer
   * in line (went offline, held, canceled) are dropped so they do not take the room of the next ones.
   */
  topUp(inLine: Iterable<DeviceId>, at: number): void {
    const wanted: DeviceId[] = [];
    const seen = new Set<DeviceId>();
    for (const id of inLine) {
      if (seen.size >= this.deps.ahead) break;
      seen.add(id);
      if (!this.ready.has(id) && !this.writing.has(id)) wanted.push(id);
    }
    for (const id of this.ready) if (!seen.has(id)) this.ready.delete(id);
    if (wanted.length === 0) return;
    for (const id of wanted) this.writing.add(id);
    this.deps.announce(wanted, at).then(
      () => {
        for (const id of wanted) if (this.writing.delete(id)) this.ready.add(id);
      },
      (error: unknown) => {
        for (const id of wanted) this.writing.delete(id);
        this.deps.onError(error);
      },
    );
  }
}

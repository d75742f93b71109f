import type { DeviceId } from '../../../shared/domain/device';
import type { DeviceLookup } from './device-lookup';
import type { RunBooks } from './run-books';

/** For jobs that take in new members: devices that joined the job's target groups since it was created. */
export class NewMembers {
  /** The inventory revision the targets were last resolved at. */
  private resolvedAt: number | null = null;

  constructor(
    private readonly deps: {
      books: RunBooks;
      devices: Pick<DeviceLookup, 'label'>;
      /** Current target devices (smart groups re-resolved): reads the whole inventory. */
      resolveTargets: () => DeviceId[];
      /** Changes whenever the inventory or the groups may have; absent: resolve every time. */
      revision?: () => number;
    },
  ) {}

  /** Adds the devices now in the targets and not in the job to its last wave, queued. */
  takeIn(at: number): void {
    const { books, devices, resolveTargets, revision } = this.deps;
    const now = revision?.() ?? null;
    if (now !== null && now === this.resolvedAt) return;
    this.resolvedAt = now;
    const wave = books.ledger.waveCount - 1;
    const added = resolveTargets()
      .filter((id) => !books.ledger.has(id))
      .map((id) => ({ id, name: devices.label(id) ?? id, wave, skip: null }));
    if (added.length > 0) books.append(added, at);
  }
}

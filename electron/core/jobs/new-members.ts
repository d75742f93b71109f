import type { DeviceId } from '../../../shared/domain/device';
import type { DeviceLookup } from './device-lookup';
import type { RunBooks } from './run-books';

/** For jobs that take in new members: devices that joined the job's target groups since it was created. */
export class NewMembers {
  constructor(
    private readonly deps: {
      books: RunBooks;
      devices: Pick<DeviceLookup, 'label'>;
      /** Current target devices (smart groups re-resolved). */
      resolveTargets: () => DeviceId[];
    },
  ) {}

  /** Adds the devices now in the targets and not in the job to its last wave, queued. */
  takeIn(at: number): void {
    const { books, devices, resolveTargets } = this.deps;
    const wave = books.ledger.waveCount - 1;
    const added = resolveTargets()
      .filter((id) => !books.ledger.has(id))
      .map((id) => ({ id, name: devices.label(id) ?? id, wave, skip: null }));
    if (added.length > 0) books.append(added, at);
  }
}

import type { SkipReason } from '../../../../shared/domain/job';
import { assertNever } from '../../../../shared/util/assert-never';

/** Why a device gets no steps, in the technician's words. */
export function skipWords(reason: SkipReason): string {
  switch (reason) {
    case 'incompatible':
      return 'the steps do not fit this device';
    case 'already-on-target':
      return 'it already runs the target version';
    case 'never-touch':
      return 'it is marked “never touch”';
    case 'offline':
      return 'it is offline';
    case 'missing-credentials':
      return 'Fieldbatch has no credentials for it';
    case 'not-reached':
      return 'it did not come online before the deadline';
    default:
      return assertNever(reason, 'skip reason');
  }
}

import type { FailureReason } from '../../../../shared/domain/job';
import { assertNever } from '../../../../shared/util/assert-never';

/** A failure reason in the technician's words. */
export function failureWords(reason: FailureReason): string {
  switch (reason) {
    case 'unreachable':
      return 'the device could not be reached';
    case 'timeout':
      return 'the device did not answer in time';
    case 'bad-reply':
      return 'the device sent a reply Fieldbatch does not understand';
    case 'device-error':
      return 'the device reported an error';
    case 'not-verified':
      return 'the change could not be verified on the device';
    case 'identity-mismatch':
      return 'a different device answered at this address';
    case 'unsupported':
      return 'this device cannot run this action';
    case 'unknown-device':
      return 'the device is not in the inventory';
    case 'internal':
      return 'Fieldbatch failed (see the log)';
    default:
      return assertNever(reason, 'failure reason');
  }
}

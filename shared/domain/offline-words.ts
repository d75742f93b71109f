import type { OfflineReason } from './device';

const OFFLINE_WORDS: Record<OfflineReason, string> = {
  goodbye: 'it said goodbye on mDNS',
  expired: 'its mDNS record expired',
  'lwt-offline': 'its MQTT last will says offline',
  timeout: 'it stopped answering',
  unplugged: 'its serial port was unplugged',
  unreachable: 'it could not be reached',
  'not-seen': 'not seen since start-up',
};

/**
 * Why a device is offline, in the words the dry run, a waiting job row and the inventory all use, so the plan,
 * the job monitor and the device grid never tell different stories.
 */
export function offlineWords(reason: OfflineReason | null): string {
  return `offline (${reason ? OFFLINE_WORDS[reason] : 'not seen'})`;
}

import { StepDeadlineExceeded } from '../device-driver';
import { abortableSleep } from '../abortable-sleep';
import { DeviceError } from '../../device-error';
import { isRebootConfirmed, type SysStatus } from './shelly-protocol';
import type { ShellySession } from './shelly-session';

export interface RebootWait {
  /** `Sys.GetStatus` read before the reboot was asked for, and the clock when it arrived. */
  before: SysStatus;
  readAt: number;
  /** Runs before each poll; throws to stop waiting (an `ota_error` seen on the WebSocket). */
  check?: () => void;
  /** Without a reboot after this long, fail as not-verified (an update that never finishes). */
  maxWaitMs?: number;
  /** What we wait for, in messages ("reboot", "update"). */
  what: string;
}

/**
 * Polls `Sys.GetStatus` until the uptime counter proves the same device restarted (isRebootConfirmed).
 * While it reboots the device refuses or drops connections, which is expected. Ends with the signal:
 * a cancel passes its reason through; the step deadline becomes `timeout` (never back) or `not-verified`
 * (back, but the uptime never restarted).
 */
export async function waitForReboot(session: ShellySession, wait: RebootWait): Promise<SysStatus> {
  const { clock, settings, signal } = session;
  let lastSeen = `the device answered the ${wait.what} request but was never seen again`;
  let wasSeen = false;
  try {
    for (;;) {
      wait.check?.();
      await abortableSleep(settings.pollIntervalMs, signal);
      wait.check?.();
      const sentAt = clock.now();
      if (wait.maxWaitMs !== undefined && sentAt - wait.readAt > wait.maxWaitMs) {
        throw new DeviceError(
          'not-verified',
          `${wait.what}: no reboot within ${wait.maxWaitMs / 1000} s (${lastSeen})`,
        );
      }
      let after: SysStatus;
      try {
        after = await session.sysStatus(settings.pollTimeoutMs);
      } catch (error) {
        if (!(error instanceof DeviceError) || (error.reason !== 'unreachable' && error.reason !== 'timeout'))
          throw error;
        lastSeen = `not back after the ${wait.what} (${error.message})`;
        continue;
      }
      wasSeen = true;
      const secondsBetween = (sentAt - wait.readAt) / 1000;
      const uptimes = { uptimeBefore: wait.before.uptime, uptimeAfter: after.uptime, secondsBetween };
      if (isRebootConfirmed(uptimes)) return after;
      lastSeen = `uptime did not restart (${wait.before.uptime}s before, ${after.uptime}s after ${secondsBetween.toFixed(1)}s)`;
    }
  } catch (error) {
    if (signal.aborted && signal.reason instanceof StepDeadlineExceeded) {
      const reason = wasSeen && lastSeen.startsWith('uptime') ? 'not-verified' : 'timeout';
      throw new DeviceError(reason, `${wait.what} not confirmed in time: ${lastSeen}`);
    }
    throw error;
  }
}

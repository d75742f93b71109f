import type { Clock } from '../../ports';
import { DeviceError } from '../../device-error';
import { describeBoot, hasRestarted, type BootMarks } from './tasmota-boot-marks';
import { isNoAnswer, type TasmotaEvent } from './tasmota-channel';
import type { Status0Reading, TasmotaLink } from './tasmota-link';

export interface RestartWaitOptions {
  link: TasmotaLink;
  clock: Clock;
  /** The boot before the command that restarts. */
  before: BootMarks;
  /** clock.now() when `before` was read. */
  beforeAt: number;
  /** How long the device may take to come back. */
  timeoutMs: number;
  pollIntervalMs: number;
  /** Budget of one `Status 0` while the device may still be booting. */
  pollTimeoutMs: number;
  signal: AbortSignal;
  /** What to call it in messages: `the restart`, `the upgrade`. */
  what: string;
}

export interface RestartSeen {
  after: Status0Reading;
  /** The version INFO1 announced after the restart (MQTT only). */
  info1Version: string | null;
}

/**
 * Waits until the device answers `Status 0` from a new boot (BootCount changed or uptime restarted,
 * tasmota-boot-marks.ts). It polls on every transport; on MQTT and the console, LWT/INFO1 and boot lines
 * wake the poll early instead of waiting for the next interval. Rejects `timeout` when the device never
 * answered again, `not-verified` when it answered but never from a new boot, `unreachable` at once when
 * the channel is lost (serial unplugged).
 */
export async function waitForRestart(options: RestartWaitOptions): Promise<RestartSeen> {
  const { link, clock, signal } = options;
  const deadline = clock.now() + options.timeoutMs;
  let info1Version: string | null = null;
  let hasNews = false;
  let wake: (() => void) | null = null;
  let inFlight: AbortController | null = null;
  const stopWatching = link.channel.watch((event: TasmotaEvent) => {
    if (event.kind === 'info1') info1Version = event.version;
    if (event.kind === 'offline') return;
    hasNews = true;
    wake?.();
    // A poll sent while the device was away is lost (MQTT QoS 0, a console ignoring input while it
    // boots): ask again now rather than wait out its timeout.
    inFlight?.abort();
  });
  let lastSeen = 'the device has not answered since';
  let hasAnswered = false;
  try {
    while (clock.now() < deadline) {
      if (!hasNews) await pause(options.pollIntervalMs, signal, (resume) => (wake = resume));
      hasNews = false;
      wake = null;
      if (link.channel.lost) throw link.channel.lost;
      const poll = (inFlight = new AbortController());
      try {
        const after = await link
          .withSignal(AbortSignal.any([signal, poll.signal]))
          .status0(options.pollTimeoutMs);
        hasAnswered = true;
        const seconds = (clock.now() - options.beforeAt) / 1000;
        if (hasRestarted(options.before, after.marks, seconds)) return { after, info1Version };
        lastSeen = `it still runs the boot from before (${describeBoot(after.marks)})`;
      } catch (error) {
        if (link.channel.lost) throw link.channel.lost;
        if (signal.aborted) throw signal.reason;
        if (poll.signal.aborted) continue;
        if (!isNoAnswer(error)) throw error;
        lastSeen = `not answering ${link.over} (${error.message})`;
      } finally {
        inFlight = null;
      }
    }
  } finally {
    stopWatching();
  }
  const seconds = Math.round(options.timeoutMs / 1000);
  throw new DeviceError(
    hasAnswered && lastSeen.startsWith('it still') ? 'not-verified' : 'timeout',
    `no restart within ${seconds} s after ${options.what}: ${lastSeen}`,
  );
}

/** Sleeps `ms`, or less when `arm`'s resume is called; rejects with the signal's reason on abort. */
function pause(ms: number, signal: AbortSignal, arm: (resume: () => void) => void): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(signal.reason);
    const done = () => {
      clearTimeout(timer);
      signal.removeEventListener('abort', onAbort);
      resolve();
    };
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal.reason);
    };
    const timer = setTimeout(done, ms);
    signal.addEventListener('abort', onAbort, { once: true });
    arm(done);
  });
}

import { assertNever } from '../../../../shared/util/assert-never';
import type { FirmwareOptions, ServedFirmware, StepResult } from '../device-driver';
import { DeviceError } from '../../device-error';
import type { OtaEvent } from './shelly-notifications';
import { watchOta } from './shelly-ota-watch';
import type { DeviceInfo } from './shelly-protocol';
import { waitForReboot } from './shelly-reboot-wait';
import type { ShellySession } from './shelly-session';

const describe = (info: { ver: string; fw_id: string }) => `${info.ver} (fw_id ${info.fw_id})`;
const expected = (served: ServedFirmware) =>
  served.fwId === null ? served.version : `${served.version} (fw_id ${served.fwId})`;

function isRunning(info: DeviceInfo, served: ServedFirmware): boolean {
  return info.ver === served.version && (served.fwId === null || info.fw_id === served.fwId);
}

/** Thrown inside the wait when the WebSocket reported `ota_error`; turned into a verified failure below. */
class OtaReported extends Error {}

/**
 * Firmware update by URL (§1.5, §1.7): the image comes from `firmwareFor` (none fits → refused before any
 * request), `Shelly.Update {url}`, progress from `ota_progress` or polling, then the reboot, and success only
 * when `ver` and `fw_id` read back as the served image's with the uptime restarted. An `ota_error` fails as
 * `device-error`; a device back on its old firmware (silent rollback) or one that never reboots as `not-verified`.
 */
export async function updateFirmware(
  session: ShellySession,
  images: readonly string[],
  options: FirmwareOptions,
): Promise<StepResult> {
  const { target } = session;
  const served = await session.services.firmwareFor(images, target, options);
  if (!served) {
    throw new DeviceError(
      'unsupported',
      `none of the ${images.length} image(s) of this step is made for ${target.model}; the device was not touched`,
    );
  }
  const old = await session.info();
  if (isRunning(old, served)) return { summary: `already on ${describe(old)}; nothing flashed` };
  const before = await session.sysStatus();
  const readAt = session.clock.now();
  const watch = await watchOta(session, (event) => reportProgress(session, event));
  try {
    await session.call('Shelly.Update', { url: served.url });
    session.progress(watch ? 'update requested' : 'update requested; polling (no progress over HTTP)');
    await waitForReboot(session, {
      before,
      readAt,
      what: 'update',
      maxWaitMs: session.settings.otaTimeoutMs,
      check: () => {
        if (watch?.error) throw new OtaReported(watch.error);
      },
    });
  } catch (error) {
    if (!(error instanceof OtaReported)) throw error;
    throw new DeviceError(
      'device-error',
      `the device reported ota_error "${error.message}"; ${await stillRuns(session)}`,
    );
  } finally {
    watch?.close();
  }
  session.progress('verifying the new firmware');
  const now = await session.info();
  const status = await session.sysStatus();
  if (isRunning(now, served)) {
    return { summary: `running ${describe(now)}, uptime ${status.uptime} s (was ${describe(old)})` };
  }
  if (now.ver === old.ver && now.fw_id === old.fw_id) {
    throw new DeviceError(
      'not-verified',
      `the device rebooted but came back on its old firmware ${describe(now)} (silent rollback); expected ${expected(served)}`,
    );
  }
  throw new DeviceError('not-verified', `the device runs ${describe(now)}; expected ${expected(served)}`);
}

function reportProgress(session: ShellySession, event: OtaEvent): void {
  switch (event.kind) {
    case 'begin':
      return session.progress('update started');
    case 'progress':
      return event.percent === null
        ? session.progress('downloading')
        : session.progress('downloading', event.percent);
    case 'success':
      return session.progress('update applied, rebooting');
    case 'error':
      return session.progress(`update failed: ${event.message}`);
    default:
      return assertNever(event, 'OTA event');
  }
}

/** What the device runs after a failed update, for the failure message (best effort). */
async function stillRuns(session: ShellySession): Promise<string> {
  try {
    const info = await session.info(session.settings.pollTimeoutMs);
    return `it still runs ${describe(info)}`;
  } catch (error) {
    if (session.signal.aborted) throw error;
    return `its firmware could not be read back (${(error as Error).message})`;
  }
}

import type { FirmwareOptions, ServedFirmware, StepResult } from '../device-driver';
import { DeviceError } from '../../device-error';
import { describeBoot, firmwareNumber } from './tasmota-boot-marks';
import { MAX_COMMAND_LINE } from './tasmota-step-check';
import { upgradeReply, type UpgradeOutcome } from './tasmota-reply';
import type { TasmotaStepSession } from './tasmota-step-session';
import type { TasmotaLink } from './tasmota-link';

/** The served URL as an `OtaUrl` value: the firmware reads the rest of the line, so no spaces or `;`. */
function otaUrlOf(served: ServedFirmware): string {
  const url = served.url;
  if (!/^https?:\/\/\S+$/.test(url) || url.includes(';') || url.length > MAX_COMMAND_LINE - 8) {
    throw new DeviceError(
      'internal',
      'the firmware server gave a URL a Tasmota device cannot take as OtaUrl',
    );
  }
  return url;
}

/** `Upgrade 1`, waiting for `stat/<topic>/UPGRADE` (MQTT, console) or only the start (HTTP). */
async function startUpgrade(session: TasmotaStepSession, link: TasmotaLink): Promise<UpgradeOutcome> {
  const budget = session.timing.otaTimeoutMs;
  try {
    return await link.exchange(
      { name: 'Upgrade', value: '1' },
      upgradeReply(() => session.progress('the device is downloading and flashing the image')),
      { timeoutMs: link.channel.transport === 'http' ? session.timing.commandTimeoutMs : budget },
    );
  } catch (error) {
    if (error instanceof DeviceError && error.reason === 'timeout' && link.channel.transport !== 'http') {
      throw new DeviceError(
        'timeout',
        `no upgrade result ${link.over} within ${Math.round(budget / 1000)} s`,
      );
    }
    throw error;
  }
}

/**
 * firmware-update (PROTOCOLS.md §2.4, §2.7): the image served for this device is checked before the
 * device is touched; a device already on its version is left alone; otherwise `OtaUrl <url>` (read back)
 * and `Upgrade 1`. On MQTT and the console the device's `UPGRADE` result is followed (`Failed …` fails the
 * step); over HTTP it is not visible, so only the restart tells. Success needs a restart from a new boot
 * and `StatusFWR.Version` whose numeric part is the image's version: a silent rollback is `not-verified`.
 */
export async function updateFirmware(
  session: TasmotaStepSession,
  images: readonly string[],
  options: FirmwareOptions,
): Promise<StepResult> {
  const served = await session.services().firmwareFor(images, session.target, options);
  if (served === null) {
    throw new DeviceError(
      'unsupported',
      `none of the selected images is made for this device (${session.target.model}); nothing was sent`,
    );
  }
  const url = otaUrlOf(served);
  const opened = await session.open();
  const { link, baseline } = opened;
  const running = baseline.status.device.firmware;
  if (firmwareNumber(running) === served.version) {
    return { summary: `already running ${running} ${link.over}; nothing flashed` };
  }
  session.progress('pointing OtaUrl at the firmware server');
  const ota = await link.command({ name: 'OtaUrl', value: url });
  if (ota.OtaUrl !== url) {
    throw new DeviceError(
      'device-error',
      `OtaUrl reads back ${JSON.stringify(ota.OtaUrl)}, not the address sent`,
    );
  }
  session.progress(`asking the device to upgrade from ${firmwareNumber(running)} to ${served.version}`);
  const outcome = await startUpgrade(session, link);
  const restartBudget =
    outcome === 'started'
      ? session.timing.otaTimeoutMs + session.timing.restartTimeoutMs
      : session.timing.restartTimeoutMs;
  const seen = await session.waitForRestart(opened, 'Upgrade 1', restartBudget).catch((error: unknown) => {
    if (outcome === 'started' && error instanceof DeviceError && error.reason === 'not-verified') {
      throw new DeviceError(
        'not-verified',
        `${error.message}. The upgrade result is not visible ${link.over}; a failed download leaves the device on ${running}`,
      );
    }
    throw error;
  });
  const now = seen.after.status.device.firmware;
  if (firmwareNumber(now) !== served.version) {
    const claim = outcome === 'successful' ? ' although it reported "Successful" (silent rollback)' : '';
    throw new DeviceError('not-verified', `the device restarted on ${now}, not ${served.version}${claim}`);
  }
  const info1 = seen.info1Version === null ? '' : `, INFO1 announced ${seen.info1Version}`;
  return {
    summary: `running ${now} ${link.over} (was ${running})${info1}; ${describeBoot(seen.after.marks)}`,
  };
}

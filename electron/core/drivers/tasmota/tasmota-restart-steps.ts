import type { StepResult } from '../device-driver';
import { DeviceError } from '../../device-error';
import { describeBoot } from './tasmota-boot-marks';
import type { Json } from './tasmota-reply';
import { checkResetLevel, resetDefaults } from './tasmota-step-check';
import type { TasmotaStepSession } from './tasmota-step-session';

/** The reply text under `key`, which must say the device is restarting (`Restarting`, `Reset and Restarting`). */
function expectRestarting(reply: Json, key: string, line: string): void {
  const text = reply[key];
  if (typeof text !== 'string' || !/restarting/i.test(text)) {
    throw new DeviceError('device-error', `the device answered ${JSON.stringify(reply)} to "${line}"`);
  }
}

/** reboot: `Restart 1`, verified by a new boot (BootCount changed or uptime restarted). */
export async function reboot(session: TasmotaStepSession): Promise<StepResult> {
  const opened = await session.open();
  const { link, baseline } = opened;
  expectRestarting(await link.command({ name: 'Restart', value: '1' }), 'Restart', 'Restart 1');
  const seen = await session.waitForRestart(opened, 'Restart 1');
  return {
    summary: `restarted ${link.over}: ${describeBoot(seen.after.marks)} (before: ${describeBoot(baseline.marks)})`,
  };
}

const section = (json: Json, key: string): Json =>
  (json[key] !== null && typeof json[key] === 'object' ? json[key] : {}) as Json;

/** What a reset's read-back shows differently from the stock defaults, one phrase each. */
function defaultsMissing(status0: Json, defaults: ReturnType<typeof resetDefaults>): string[] {
  const status = section(status0, 'Status');
  const friendly = Array.isArray(status.FriendlyName) ? status.FriendlyName[0] : undefined;
  const checks: [string, unknown, string | null][] = [
    ['DeviceName', status.DeviceName, defaults.deviceName],
    ['FriendlyName1', friendly, defaults.friendlyName1],
    ['Topic', status.Topic, defaults.topic],
  ];
  return checks
    .filter(([, actual, wanted]) => wanted !== null && actual !== wanted)
    .map(([name, actual, wanted]) => `${name} is ${JSON.stringify(actual)}, not ${JSON.stringify(wanted)}`);
}

/**
 * factory-reset: `Reset <level>` with the level chosen explicitly. Verified by a new boot and the stock
 * defaults read back: DeviceName and FriendlyName1 `Tasmota`, and for levels 1–5 Topic `tasmota_XXXXXX`
 * (level 6 keeps the topic). A custom build with other compiled-in defaults therefore fails as
 * `not-verified`, never as a false success. Levels 1–3 also erase WiFi, and 1–5 may reset the MQTT
 * settings: the device may then only come back on the serial console.
 */
export async function factoryReset(
  session: TasmotaStepSession,
  level: number | undefined,
): Promise<StepResult> {
  const checked = checkResetLevel(level);
  const opened = await session.open();
  const { link, baseline } = opened;
  const defaults = resetDefaults(checked, baseline.status.device.mac);
  const reset = { name: 'Reset', value: String(checked) };
  const rename = { topic: defaults.topic, fullTopic: defaults.fullTopic };
  // Stock firmware answers on the old topic and applies the defaults at the restart; accept either.
  expectRestarting(await link.command(reset, { renamingTo: rename }), 'Reset', `Reset ${checked}`);
  link.channel.retarget(rename);
  const seen = await session.waitForRestart(opened, `Reset ${checked}`).catch((error: unknown) => {
    if (!(error instanceof DeviceError) || error.reason !== 'timeout' || checked === 6) throw error;
    const lost = checked <= 3 ? 'WiFi and MQTT settings' : 'MQTT settings';
    throw new DeviceError(
      'timeout',
      `${error.message}. Reset ${checked} erases the ${lost}; check the device on its serial console`,
    );
  });
  const missing = defaultsMissing(seen.after.json, defaults);
  if (missing.length > 0) {
    throw new DeviceError('not-verified', `after Reset ${checked} ${missing.join('; ')}`);
  }
  const topic = defaults.topic === null ? '' : `, Topic ${JSON.stringify(defaults.topic)}`;
  return {
    summary:
      `Reset ${checked} ${link.over}: back to defaults (DeviceName ${JSON.stringify(defaults.deviceName)}` +
      `${topic}); ${describeBoot(seen.after.marks)}`,
  };
}

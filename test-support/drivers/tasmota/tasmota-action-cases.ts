import { expect, it } from 'vitest';
import { parseDeviceFaults, type SimulatedTasmota } from '../../../simulator';
import { firmwareNumber } from '../../../electron/core/drivers/tasmota/tasmota-boot-marks';
import { failure, targetOf, type TasmotaRig, type TestImage, type TransportName } from './tasmota-test-rig';

/**
 * The action tests every transport runs against the simulator (tasmota-driver.<transport>.int.test.ts).
 * Shared so MQTT, HTTP and the console are held to the same verified behaviour; each test file hands in its
 * fleet, rig and firmware server through `ActionCaseEnv`.
 */
export interface ActionCaseEnv {
  transport: TransportName;
  rig(): TasmotaRig;
  /** A device no other test has touched. */
  nextDevice(): SimulatedTasmota;
  /** Builds and serves an image for `chip`, listed under `models`; `downloads` counts its GETs. */
  serveImage(version: string, models: readonly string[], chip: string): TestImage;
  /** Whether the transport shows `stat/<topic>/UPGRADE` (MQTT, console) or not (HTTP). */
  seesUpgradeResult: boolean;
}

const NEW_VERSION = '14.4.0';

export function defineActionCases(env: ActionCaseEnv): void {
  const over =
    env.transport === 'mqtt' ? 'over MQTT' : env.transport === 'http' ? 'over HTTP' : 'over serial';
  const target = (d: SimulatedTasmota) => targetOf(d, [env.transport]);
  const run = (
    d: SimulatedTasmota,
    step: Parameters<TasmotaRig['driver']['runStep']>[0],
    progress?: string[],
  ) => env.rig().driver.runStep(step, target(d), env.rig().context(30_000, progress));

  it(`identifies the device and reads its state ${over}`, async () => {
    const d = env.nextDevice();
    const endpoint = target(d).endpoints[0]!;
    const identified = await env.rig().driver.identify(endpoint, {
      signal: new AbortController().signal,
      credentials: env.rig().credentials,
    });
    // The chip comes from StatusFWR.Hardware on every transport (support_command.ino CmndStatus).
    expect(identified).toMatchObject({
      family: 'tasmota',
      mac: d.mac.toLowerCase(),
      firmware: d.version,
      chip: d.chip,
    });
    const state = await env.rig().driver.readState(target(d), env.rig().context());
    expect(state.firmware).toBe(d.version);
    expect(state.uptimeSeconds).toEqual(expect.any(Number));
  });

  it(`collects Status 0 as an artifact ${over}`, async () => {
    const d = env.nextDevice();
    const before = env.rig().services.artifacts.length;
    const result = await run(d, { action: 'collect' });
    const artifact = env.rig().services.artifacts[before]!;
    expect(artifact.kind).toBe('tasmota-status0');
    expect(artifact.content).toMatchObject({
      StatusFWR: { Version: d.version },
      StatusPRM: expect.any(Object),
    });
    expect(result.artifactId).toMatch(/^art_/);
    expect(result.summary).toContain(`Status 0 collected ${over}`);
    expect(d.counters.configWrites).toBe(0);
  });

  it(`changes settings with one Backlog and reads every one back ${over}`, async () => {
    const d = env.nextDevice();
    const commands = [
      { command: 'DeviceName', value: 'Hall Plug' },
      { command: 'FriendlyName1', value: 'Hall' },
      { command: 'TelePeriod', value: '60' },
      { command: 'Timezone', value: '2' },
      { command: 'SetOption53', value: '1' },
    ];
    const result = await run(d, { action: 'config-change', tasmota: { commands } });
    expect(result.summary).toContain(`read back ${over}`);
    expect(result.summary).toContain('Timezone="+02:00"');
    expect(d.counters.configWrites).toBe(5);
    expect(d.counters.reboots).toBe(0);
    expect(await d.command('DeviceName')).toEqual({ DeviceName: 'Hall Plug' });
  });

  it(`waits for the restart a setting needs before reading it back ${over}`, async () => {
    const d = env.nextDevice();
    const commands = [{ command: 'Hostname', value: 'hall-plug' }];
    const result = await run(d, { action: 'config-change', tasmota: { commands } });
    expect(result.summary).toMatch(/Hostname="hall-plug".*restarted/);
    expect(d.counters.reboots).toBe(1);
  });

  it(`reboots with Restart 1 and sees the new boot ${over}`, async () => {
    const d = env.nextDevice();
    const progress: string[] = [];
    const result = await run(d, { action: 'reboot' }, progress);
    expect(result.summary).toMatch(new RegExp(`^restarted ${over}.*BootCount 2`));
    expect(d.counters.reboots).toBe(1);
    expect(progress).toContain('waiting for the device to restart after Restart 1');
  });

  it(`updates the firmware, flashing exactly once, and verifies the version ${over}`, async () => {
    const d = env.nextDevice();
    const image = env.serveImage(NEW_VERSION, [d.module], d.chip);
    const result = await run(d, { action: 'firmware-update', images: [image.sha256] });
    expect(result.summary).toMatch(new RegExp(`^running ${NEW_VERSION}\\(release-tasmota\\) ${over}`));
    expect(d.version).toBe(`${NEW_VERSION}(release-tasmota)`);
    expect(d.counters.flashes).toBe(1);
    expect(d.counters.reboots).toBe(1);
    expect(image.downloads()).toBe(1);
  });

  it(`leaves a device already on the image's version alone ${over}`, async () => {
    const d = env.nextDevice();
    const image = env.serveImage(firmwareNumber(d.version), [d.module], d.chip);
    const result = await run(d, { action: 'firmware-update', images: [image.sha256] });
    expect(result.summary).toMatch(/^already running .* nothing flashed$/);
    expect(image.downloads()).toBe(0);
    expect(d.counters.flashes + d.counters.reboots + d.counters.configWrites).toBe(0);
  });

  it(`refuses a wrong-model image before touching the device ${over}`, async () => {
    const d = env.nextDevice();
    const image = env.serveImage(NEW_VERSION, ['Sonoff Dual R3'], d.chip);
    const error = await failure(run(d, { action: 'firmware-update', images: [image.sha256] }));
    expect(error.reason).toBe('unsupported');
    expect(image.downloads()).toBe(0);
    expect(d.counters.commands).toBe(0);
  });

  it(`reports a silent rollback as not verified, never as success ${over}`, async () => {
    const d = env.nextDevice();
    d.setFault(parseDeviceFaults('silent-rollback'));
    const image = env.serveImage(NEW_VERSION, [d.module], d.chip);
    const error = await failure(run(d, { action: 'firmware-update', images: [image.sha256] }));
    expect(error.reason).toBe('not-verified');
    expect(error.message).toContain(`restarted on ${d.version}, not ${NEW_VERSION}`);
    expect(d.counters).toMatchObject({ flashes: 1, rollbacks: 1, reboots: 1 });
  });

  it.each(['ota-download-error', 'corrupt-download'])(`fails an upgrade hit by %s ${over}`, async (fault) => {
    const d = env.nextDevice();
    d.setFault(parseDeviceFaults(fault));
    const image = env.serveImage(NEW_VERSION, [d.module], d.chip);
    const driver = env.seesUpgradeResult
      ? env.rig().driver
      : env.rig().driverWith({ otaTimeoutMs: 1_500, restartTimeoutMs: 500 });
    const error = await failure(
      driver.runStep({ action: 'firmware-update', images: [image.sha256] }, target(d), env.rig().context()),
    );
    if (env.seesUpgradeResult) {
      expect(error.reason).toBe('device-error');
      // The device's own words after its last attempt; an ESP8266 asks for `<url>.gz` after half of them
      // fail (support_tasmota.ino, PROTOCOLS.md §2.7 corrected 2026-12-07), which this file host lacks.
      expect(error.message).toMatch(
        /upgrade failed: the device reports "Failed (connection lost|Corrupt image|File Not Found \(404\))/,
      );
    } else {
      expect(error.reason).toBe('not-verified');
      expect(error.message).toContain('upgrade result is not visible over HTTP');
    }
    expect(d.counters).toMatchObject({ flashes: 0, otaFailures: 1, reboots: 0 });
    expect(d.version).not.toContain(NEW_VERSION);
  });

  it(`factory-resets at the chosen level and finds the defaults ${over}`, async () => {
    const d = env.nextDevice();
    await d.command('DeviceName Customised');
    const result = await run(d, { action: 'factory-reset', tasmotaLevel: 1 });
    expect(result.summary).toMatch(new RegExp(`^Reset 1 ${over}.*back to defaults`));
    expect(d.counters.resets).toBe(1);
    expect(await d.command('DeviceName')).toEqual({ DeviceName: 'Tasmota' });
  });

  it(`refuses a factory reset without a level, sending nothing ${over}`, async () => {
    const d = env.nextDevice();
    const error = await failure(run(d, { action: 'factory-reset' }));
    expect(error).toMatchObject({ reason: 'unsupported' });
    expect(error.message).toContain('choose a reset level');
    expect(d.counters.commands).toBe(0);
  });

  it(`sends an allow-listed raw command and carries the reply ${over}`, async () => {
    const d = env.nextDevice();
    const result = await run(d, { action: 'raw-command', command: 'Status', value: '2' });
    expect(result.summary).toContain(`"Status 2" ${over}`);
    expect(result.summary).toContain(`"Version":"${d.version}"`);
  });

  // Status 0 comes as one message per section over MQTT and the console, merged over HTTP
  // (support_command.ino CmndStatusResponse, xdrv_01_9_webserver.ino HandleHttpCommand): one object either way.
  it(`collects every section of a raw "Status 0" ${over}`, async () => {
    const d = env.nextDevice();
    const result = await run(d, { action: 'raw-command', command: 'Status', value: '0' });
    // The summary is cut at 2,000 characters: the first sections show that they were merged.
    expect(result.summary).toMatch(/→ \{"Status":\{.*\},"StatusPRM":\{.*\},"StatusFWR":\{/);
    expect(result.summary).toContain(`"Version":"${d.version}"`);
  });

  it(`reports a command the device does not know with its words ${over}`, async () => {
    const d = env.nextDevice();
    // The simulator does not implement `Time`: it answers {"Command":"Unknown"} as the firmware does.
    const error = await failure(run(d, { action: 'raw-command', command: 'Time', value: '' }));
    expect(error.reason).toBe('device-error');
    expect(error.message).toBe('the device answered {"Command":"Unknown"} to "Time"');
  });

  it.each([
    ['garbage', 'bad-reply'],
    ['hang', 'timeout'],
  ] as const)(`fails a device with fault %s as %s ${over}`, async (fault, reason) => {
    const d = env.nextDevice();
    d.setFault(parseDeviceFaults(fault));
    const error = await failure(run(d, { action: 'reboot' }));
    expect(error.reason).toBe(reason);
    expect(d.counters.reboots).toBe(0);
  });
}

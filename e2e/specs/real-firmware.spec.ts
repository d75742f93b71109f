import {
  buildEspImage,
  gzipImage,
  startTasmotaFleet,
  type SimulatedTasmota,
  type TasmotaFleet,
} from '../../simulator';
import { expect, test } from '../fixtures/test';
import { DiscoveryPanel } from '../pages/discovery-panel';
import { FieldbatchPage } from '../pages/fieldbatch-page';
import { FirmwareScreen } from '../pages/firmware-screen';
import { GroupsSidebar } from '../pages/groups-sidebar';
import { JobWizard } from '../pages/job-wizard';
import { RunMonitor } from '../pages/run-monitor';

const idOf = (device: { mac: string }) => `mac:${device.mac.toLowerCase()}`;
const NEW_VERSION = '14.4.0';
const GROUP = 'All Tasmota';

// Real-format files, named the way Tasmota's release builds are (tasmota-<v>.bin.gz for ESP8266,
// tasmota32-<v>.bin for ESP32); the C3 build carries an ESP32 name on purpose: its header must win.
const ESP8266_GZ = `tasmota-${NEW_VERSION}.bin.gz`;
const ESP32_BIN = `tasmota32-esp32-${NEW_VERSION}.bin`;
const C3_NAMED_ESP32 = `tasmota32-${NEW_VERSION}.bin`;
const ESP32_FACTORY = `tasmota32-${NEW_VERSION}.factory.bin`;

async function importImages(library: FirmwareScreen, files: Record<string, Buffer>): Promise<void> {
  await library.open();
  for (const [name, bytes] of Object.entries(files)) {
    await library.importFile(name, bytes);
    await expect(library.upload(name)).toHaveAttribute('data-upload-state', 'done');
  }
}

async function groupAllTasmota(ui: FieldbatchPage, count: number): Promise<void> {
  await ui.view('Inventory').click();
  const groups = new GroupsSidebar(ui.page);
  await groups.startSmartGroup(GROUP);
  await groups.chooseFamily('tasmota');
  await expect(groups.editorMatches()).toHaveText(`Matches ${count} device${count === 1 ? '' : 's'}`);
  await groups.saveSmartGroup();
}

/** Firmware then a config change, over the group; started through the dry run and its confirmation. */
async function runFirmwareAndConfig(
  wizard: JobWizard,
  job: { name: string; images: string[]; command: [string, string]; runnable: number },
): Promise<void> {
  await wizard.open();
  await wizard.setName(job.name);
  await wizard.chooseGroup(GROUP);
  await wizard.next();
  await wizard.addStep('firmware-update');
  for (const image of job.images) await wizard.chooseImage(image);
  await wizard.addStep('config-change');
  await wizard.addTasmotaCommand(...job.command);
  await wizard.next();
  await wizard.setPolicy({ concurrency: 3, retries: 0 });
  await wizard.dryRun();
  await expect(wizard.planSummary()).toHaveText(
    `${job.runnable} device${job.runnable === 1 ? '' : 's'} will run, 0 skipped.`,
  );
}

async function expectUpdated(device: SimulatedTasmota, command: [string, string]): Promise<void> {
  expect(device.version).toMatch(new RegExp(`^${NEW_VERSION.replace(/\./g, '\\.')}\\(`));
  expect(device.counters.flashes).toBe(1);
  const [name, value] = command;
  expect(await device.command(name)).toEqual({ [name]: Number.isNaN(Number(value)) ? value : Number(value) });
}

test.describe('real firmware files on Tasmota devices', () => {
  // seed 32: an ESP32-DevKit (ESP32), an ESP32C3 module (ESP32-C3) and a Sonoff Basic (ESP8266).
  test.use({ fleetOptions: { count: 0, seed: 71 }, tasmotaOptions: { count: 3, seed: 32, bootTimeMs: 800 } });

  test('over MQTT: images read from their bytes, a C3 image refused for an ESP32 device, then firmware + config verified', async ({
    tasmota,
    broker,
    host,
  }, testInfo) => {
    const [esp32, c3, esp8266] = tasmota.devices as [SimulatedTasmota, SimulatedTasmota, SimulatedTasmota];
    expect([esp32.chip, c3.chip, esp8266.chip]).toEqual(['ESP32', 'ESP32-C3', 'ESP8266']);
    const page = await host.open();
    const ui = new FieldbatchPage(page);
    const discovery = new DiscoveryPanel(page);
    await discovery.open();
    await discovery.addBroker(broker.url);
    await ui.view('Inventory').click();
    // MQTT discovery configs carry no chip: the device's own StatusFWR.Hardware puts it in the inventory.
    for (const device of tasmota.devices) {
      await expect(ui.onlineCell(idOf(device))).toHaveAttribute('data-online', 'true');
      await expect(ui.deviceRow(idOf(device))).toContainText(device.chip);
    }

    const library = new FirmwareScreen(page);
    await importImages(library, {
      [ESP8266_GZ]: gzipImage(buildEspImage({ chip: 'ESP8266', version: NEW_VERSION })),
      [ESP32_BIN]: buildEspImage({ chip: 'ESP32', version: NEW_VERSION }),
      [C3_NAMED_ESP32]: buildEspImage({ chip: 'ESP32-C3', version: NEW_VERSION }),
      [ESP32_FACTORY]: buildEspImage({ chip: 'ESP32', version: NEW_VERSION, kind: 'factory' }),
    });
    await expect(library.libraryRows()).toHaveCount(4);
    await expect(library.libraryRow(ESP8266_GZ)).toContainText('ESP8266');
    await expect(library.libraryRow(ESP32_BIN)).toContainText('ESP32');
    await expect(library.libraryRow(C3_NAMED_ESP32)).toContainText('ESP32-C3');
    await expect(
      library.root.getByRole('list', { name: `Notes on reading ${C3_NAMED_ESP32}` }),
    ).toContainText('the header wins');
    await expect(library.libraryRow(ESP32_FACTORY)).toContainText('not offered for updates');
    await page.screenshot({ path: testInfo.outputPath('01-library.png'), fullPage: true });

    await groupAllTasmota(ui, 3);
    const wizard = new JobWizard(page);
    await wizard.open();
    await wizard.setName('C3 build only');
    await wizard.chooseGroup(GROUP);
    await wizard.next();
    await wizard.addStep('firmware-update');
    await wizard.chooseImage(C3_NAMED_ESP32);
    await wizard.next();
    await wizard.dryRun();
    await expect(wizard.planSummary()).toHaveText('1 device will run, 2 skipped.');
    await expect(wizard.planRow(idOf(esp32))).toContainText('image is for ESP32-C3; this device is ESP32');
    await expect(wizard.planRow(idOf(esp8266))).toContainText(
      'image is for ESP32-C3; this device is ESP8266',
    );
    await expect(wizard.planRow(idOf(c3))).toContainText(`→ ${NEW_VERSION}`);
    await page.screenshot({ path: testInfo.outputPath('02-c3-refused.png'), fullPage: true });
    expect(tasmota.devices.map((d) => d.counters.flashes)).toEqual([0, 0, 0]);

    const command: [string, string] = ['TelePeriod', '120'];
    await runFirmwareAndConfig(wizard, {
      name: 'Tasmota 14.4.0 over MQTT',
      images: [ESP8266_GZ, ESP32_BIN, C3_NAMED_ESP32],
      command,
      runnable: 3,
    });
    await wizard.start();
    const monitor = new RunMonitor(page);
    await expect(monitor.root).toHaveAttribute('data-job-state', 'completed', { timeout: 120_000 });
    await expect(monitor.counts()).toHaveText(['succeeded: 3']);
    for (const device of tasmota.devices) await expectUpdated(device, command);
    await page.screenshot({ path: testInfo.outputPath('03-mqtt-job-done.png'), fullPage: true });
  });

  test('over the serial console: firmware + config verified on a device without a broker', async ({
    host,
  }, testInfo) => {
    let fleet: TasmotaFleet | null = null;
    try {
      // seed 33, index 0: a Sonoff 4CH Pro (ESP8266) reachable only on its console (and HTTP for the download).
      fleet = await startTasmotaFleet({ count: 1, seed: 33, serialCount: 1, bootTimeMs: 800 });
      const device = fleet.devices[0]!;
      const page = await host.open();
      const ui = new FieldbatchPage(page);
      const discovery = new DiscoveryPanel(page);
      await discovery.open();
      await discovery.probePath(device.serialPath!);
      await ui.view('Inventory').click();
      await expect(ui.deviceRow(idOf(device))).toContainText('ESP8266');

      await importImages(new FirmwareScreen(page), {
        [ESP8266_GZ]: gzipImage(buildEspImage({ chip: 'ESP8266', version: NEW_VERSION })),
      });
      await groupAllTasmota(ui, 1);
      const command: [string, string] = ['DeviceName', 'Pump room 4CH'];
      const wizard = new JobWizard(page);
      await runFirmwareAndConfig(wizard, {
        name: 'Tasmota 14.4.0 over serial',
        images: [ESP8266_GZ],
        command,
        runnable: 1,
      });
      await wizard.start();
      const monitor = new RunMonitor(page);
      await expect(monitor.root).toHaveAttribute('data-job-state', 'completed', { timeout: 120_000 });
      await expect(monitor.execution(idOf(device))).toHaveAttribute('data-state', 'succeeded');
      await expectUpdated(device, command);
      await page.screenshot({ path: testInfo.outputPath('04-serial-job-done.png'), fullPage: true });
    } finally {
      await fleet?.stop();
    }
  });
});

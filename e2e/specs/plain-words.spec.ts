import type { Page } from '@playwright/test';
import type { SimulatedTasmota } from '../../simulator';
import { expect, test } from '../fixtures/test';
import { DiscoveryPanel } from '../pages/discovery-panel';
import { FieldbatchPage } from '../pages/fieldbatch-page';
import { GroupsSidebar } from '../pages/groups-sidebar';
import { JobWizard } from '../pages/job-wizard';
import { RunMonitor } from '../pages/run-monitor';

const idOf = (device: { mac: string }) => `mac:${device.mac.toLowerCase()}`;
const SIZES = [
  { width: 1440, height: 900 },
  { width: 1024, height: 700 },
] as const;

/** The screen at both window sizes a technician's laptop has, for a person to look at. */
async function screenshots(page: Page, name: string, outputPath: (file: string) => string): Promise<void> {
  for (const size of SIZES) {
    await page.setViewportSize(size);
    await page.screenshot({ path: outputPath(`${name}-${size.width}x${size.height}.png`) });
  }
  await page.setViewportSize(SIZES[0]);
}

/** Names a simulated Tasmota from its own console, then restarts it so its retained discovery carries the name. */
async function nameDevice(device: SimulatedTasmota, name: string): Promise<void> {
  await device.command(`DeviceName ${name}`);
  await device.command('Restart 1');
  await expect.poll(() => device.mqttConnected, { timeout: 20_000 }).toBe(false);
  await expect.poll(() => device.mqttConnected, { timeout: 20_000 }).toBe(true);
}

test.describe('names and plain words', () => {
  test.use({ fleetOptions: { count: 0, seed: 71 }, tasmotaOptions: { count: 2, seed: 72, bootTimeMs: 500 } });

  test('devices by their own names, brokers by host, the job log in sentences, durations in minutes', async ({
    tasmota,
    broker,
    host,
  }, testInfo) => {
    const [named, factory] = tasmota.devices as [SimulatedTasmota, SimulatedTasmota];
    await nameDevice(named, 'Pump room');
    const page = await host.open();
    await page.setViewportSize(SIZES[0]);
    const ui = new FieldbatchPage(page);
    const discovery = new DiscoveryPanel(page);
    await discovery.open();
    await discovery.addBroker(broker.url);
    await ui.view('Inventory').click();

    // A Tasmota by its DeviceName; one still named "Tasmota" by its model and the end of its MAC.
    const macTail = factory.mac
      .replace(/[^0-9a-f]/gi, '')
      .slice(-4)
      .toUpperCase();
    await expect(ui.deviceRow(idOf(named))).toContainText('Pump room');
    await expect(ui.deviceRow(idOf(factory))).toContainText(`· ${macTail}`);
    // The address names the broker by its host, never by its internal id.
    const brokerHost = new URL(broker.url).host;
    await expect(ui.deviceRow(idOf(named))).toContainText(`@ ${brokerHost}`);
    await expect(ui.grid()).not.toContainText('brk_');
    await screenshots(page, 'inventory', (f) => testInfo.outputPath(f));

    const groups = new GroupsSidebar(page);
    await groups.startSmartGroup('All Tasmota');
    await groups.chooseFamily('tasmota');
    await groups.saveSmartGroup();
    await expect(groups.count('All Tasmota')).toHaveText('2');

    const wizard = new JobWizard(page);
    await wizard.open();
    // An invalid field says what to do, in plain words.
    await wizard.next();
    await expect(wizard.root.getByText('This cannot be empty: type something.')).toBeVisible();
    await expect(wizard.root).not.toContainText('Too small');
    await wizard.setName('Snapshot the Tasmota');
    await wizard.chooseGroup('All Tasmota');
    await wizard.next();
    await wizard.addStep('collect');
    await wizard.next();
    await expect(wizard.currentPage()).toHaveText('Policy');

    // Timeouts are typed and shown with their unit; a bare number of milliseconds is questioned.
    const stepTimeout = wizard.root.getByLabel('Step timeout', { exact: true });
    await expect(stepTimeout).toHaveValue('3 min');
    await expect(wizard.root.getByLabel('Wait at most', { exact: true })).toHaveValue('1 h');
    await stepTimeout.fill('3600000');
    await expect(wizard.root.getByText('Add a unit: 3600000 s, 3600000 min or 3600000 h?')).toBeVisible();
    await stepTimeout.fill('5 min');
    await expect(wizard.root.getByText(/Add a unit/)).toHaveCount(0);
    await expect(wizard.root.getByText('the device could not be reached', { exact: true })).toBeVisible();
    await screenshots(page, 'policy', (f) => testInfo.outputPath(f));

    await wizard.dryRun();
    await expect(wizard.planSummary()).toHaveText('2 devices will run, 0 skipped.');
    await wizard.start();

    const monitor = new RunMonitor(page);
    await expect(monitor.root).toHaveAttribute('data-job-state', 'completed', { timeout: 60_000 });
    await expect(
      monitor.log().filter({ hasText: 'Pump room: step 1 (snapshot) succeeded on attempt 1.' }),
    ).toHaveCount(1);
    await expect(monitor.log().first()).toContainText('Job created.');
    await expect(monitor.root.getByRole('list', { name: 'Job log' })).not.toContainText('→');
    await screenshots(page, 'job-log', (f) => testInfo.outputPath(f));
  });
});

import type { SimulatedShelly } from '../../simulator';
import { expect, test } from '../fixtures/test';
import { FieldbatchPage } from '../pages/fieldbatch-page';
import { GroupsSidebar } from '../pages/groups-sidebar';
import { JobWizard } from '../pages/job-wizard';
import { RunMonitor } from '../pages/run-monitor';

const idOf = (device: SimulatedShelly) => `mac:${device.mac.toLowerCase()}`;
const GROUP = 'Hall';

test.describe('the run monitor tells the truth', () => {
  // Reboots take a few seconds, so the time left is on screen while a wave runs.
  test.use({ fleetOptions: { count: 6, bootTimeMs: 3_000, seed: 31 } });

  test('the gate banner names the wave that waits, the time left is shown, a finished run asks for nothing', async ({
    fleet,
    host,
  }, testInfo) => {
    const page = await host.open();
    const ui = new FieldbatchPage(page);
    for (const device of fleet.devices)
      await expect(ui.onlineCell(idOf(device))).toHaveAttribute('data-online', 'true');
    const groups = new GroupsSidebar(page);
    await groups.startSmartGroup(GROUP);
    await groups.chooseFamily('shelly');
    await groups.saveSmartGroup();

    const wizard = new JobWizard(page);
    await wizard.open();
    await wizard.setName('Reboot the hall');
    await wizard.chooseGroup(GROUP);
    await wizard.next();
    await wizard.addStep('reboot');
    await wizard.next();
    await wizard.setPolicy({
      concurrency: 1,
      retries: 0,
      canaryCount: 1,
      waveSizes: [2],
      gateAdvance: 'manual',
    });
    await wizard.dryRun();
    await expect(wizard.planWaves()).toHaveText([
      'Canary: 1 device',
      'Wave 1: 2 devices',
      'Wave 2: 3 devices',
    ]);
    await wizard.start();

    const monitor = new RunMonitor(page);
    const gate = monitor.root.getByTestId('wave-gate');
    const eta = monitor.root.getByTestId('run-eta');
    await expect(monitor.pauseReason()).toHaveAttribute('data-pause-reason', 'wave-gate', {
      timeout: 30_000,
    });
    await expect(monitor.pauseReason()).toHaveText(
      'Waiting at the wave gate: Canary done (100 % succeeded): click “Next wave” to start Wave 1',
    );
    await expect(gate).toHaveText(
      'Now: Canary. It is done and waits at the gate; “Next wave” starts Wave 1.',
    );

    // Wave 1 runs: the time left covers this wave and says the next gate waits for a click.
    await monitor.control('Next wave').click();
    await expect(eta).toHaveText(
      /^(About \d+ s left in this wave|Finishing the last devices); then the gate waits for your click/,
    );
    await page.screenshot({ path: testInfo.outputPath('01-wave-1-running.png'), fullPage: true });

    // The gate after Wave 1 (index 1 behind the canary) is named Wave 1 everywhere, not "wave 2".
    await expect(monitor.wave(1)).toHaveAttribute('data-wave-state', 'gated', { timeout: 30_000 });
    await expect(monitor.pauseReason()).toHaveText(
      'Waiting at the wave gate: Wave 1 done (100 % succeeded): click “Next wave” to start Wave 2',
    );
    await expect(gate).toHaveText(
      'Now: Wave 1. It is done and waits at the gate; “Next wave” starts Wave 2.',
    );
    await expect(eta).toHaveText('Waiting for your click on “Next wave”');
    await page.screenshot({ path: testInfo.outputPath('02-wave-1-gated.png'), fullPage: true });

    // The last wave: a time left with no gate after it.
    await monitor.control('Next wave').click();
    await expect(eta).toHaveText(/^(About \d+ s left|Finishing the last devices)$/);
    await expect(gate).toHaveText('Now: Wave 2 (the last wave).');
    await page.screenshot({ path: testInfo.outputPath('03-last-wave-running.png'), fullPage: true });

    await expect(monitor.root).toHaveAttribute('data-job-state', 'completed', { timeout: 60_000 });
    await expect(gate).toHaveText('All waves are done.');
    await expect(monitor.control('Next wave')).toHaveCount(0);
    await expect(eta).toHaveCount(0);
    for (const index of [0, 1, 2])
      await expect(monitor.wave(index)).toHaveAttribute('data-wave-state', 'done');
    await page.screenshot({ path: testInfo.outputPath('04-completed.png'), fullPage: true });
  });
});

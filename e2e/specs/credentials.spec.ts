import type { SimulatedShelly } from '../../simulator';
import { waitUntilReady } from '../fixtures/app-host';
import { expect, test } from '../fixtures/test';
import { CredentialsScreen } from '../pages/credentials-screen';
import { FieldbatchPage } from '../pages/fieldbatch-page';

const idOf = (device: SimulatedShelly) => `mac:${device.mac.toLowerCase()}`;
const CANARY = 'canary-7f3a-Pa55';

test.describe('credential sets', () => {
  test.use({ fleetOptions: { count: 2, bootTimeMs: 1_500, seed: 41 } });

  test('creates a set and lists it without the password, also after a reload', async ({
    fleet,
    host,
  }, testInfo) => {
    const page = await host.open();
    const ui = new FieldbatchPage(page);
    await expect(ui.deviceRows()).toHaveCount(fleet.devices.length);
    await ui.select([idOf(fleet.devices[0]!)]);

    const screen = new CredentialsScreen(page);
    await screen.open();
    await screen.create({ name: 'Roof devices', password: CANARY, siteDefault: true });
    await expect(screen.row('Roof devices')).toContainText('admin');
    await expect(screen.row('Roof devices')).toContainText('stored');
    expect(await page.content()).not.toContain(CANARY);

    await screen.assignToSelected('Roof devices');
    await expect(screen.assignOutcome()).toHaveText('1 device now uses Roof devices.');
    await expect(screen.row('Roof devices').locator('td').nth(4)).toHaveText('1');
    await page.screenshot({ path: testInfo.outputPath('01-created.png'), fullPage: true });

    await page.reload();
    await waitUntilReady(page);
    await screen.open();
    await expect(screen.row('Roof devices')).toContainText('yes');
    const edit = await screen.edit('Roof devices');
    await expect(edit.getByLabel('Password')).toHaveValue('');
    await expect(edit.getByTestId('password-stored')).toBeVisible();
    expect(await page.content()).not.toContain(CANARY);
    await page.screenshot({ path: testInfo.outputPath('02-after-reload.png'), fullPage: true });
  });
});

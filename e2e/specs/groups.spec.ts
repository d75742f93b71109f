import semver from 'semver';
import type { SimulatedShelly } from '../../simulator';
import { expect, test } from '../fixtures/test';
import { DeviceDrawer } from '../pages/device-drawer';
import { FieldbatchPage } from '../pages/fieldbatch-page';
import { GroupsSidebar } from '../pages/groups-sidebar';

const idOf = (device: SimulatedShelly) => `mac:${device.mac.toLowerCase()}`;
const RANGE = '<1.5.0';

test.describe('smart groups', () => {
  test.use({ fleetOptions: { count: 8, bootTimeMs: 1_500, seed: 7 } });

  test('a firmware-range group counts its members live, while typing and after the fleet changes', async ({
    fleet,
    host,
  }, testInfo) => {
    // Independent of the app's own parsing: which simulated devices run firmware in the range.
    const matching = fleet.devices.filter((d) => semver.satisfies(d.ver, RANGE));
    expect(matching.length).toBeGreaterThan(0);
    expect(matching.length).toBeLessThan(fleet.devices.length);

    const page = await host.open();
    const ui = new FieldbatchPage(page);
    const groups = new GroupsSidebar(page);
    await expect(ui.deviceRows()).toHaveCount(fleet.devices.length);

    await groups.startSmartGroup('Below 1.5');
    await expect(groups.editorMatches()).toHaveText(`Matches ${fleet.devices.length} devices`);
    await groups.typeFirmwareRange(RANGE);
    await expect(groups.editorMatches()).toHaveText(`Matches ${matching.length} devices`);
    await page.screenshot({ path: testInfo.outputPath('01-editor.png'), fullPage: true });
    await groups.saveSmartGroup();
    await expect(groups.count('Below 1.5')).toHaveText(String(matching.length));

    await groups.choose('Below 1.5');
    await expect(ui.deviceRows()).toHaveCount(matching.length);
    for (const device of matching) await expect(ui.deviceRow(idOf(device))).toBeVisible();
    await page.screenshot({ path: testInfo.outputPath('02-group-chosen.png'), fullPage: true });

    // The count follows the inventory without a reload: forget one member.
    await ui.openDevice(idOf(matching[0]!));
    await new DeviceDrawer(page).forget();
    await expect(groups.count('Below 1.5')).toHaveText(String(matching.length - 1));
    await expect(ui.deviceRows()).toHaveCount(matching.length - 1);
    await page.screenshot({ path: testInfo.outputPath('03-after-forget.png'), fullPage: true });
  });
});

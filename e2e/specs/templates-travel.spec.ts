import { buildShellyFirmwareZip } from '../../simulator';
import { expect, test } from '../fixtures/test';
import { FieldbatchPage } from '../pages/fieldbatch-page';
import { FirmwareScreen } from '../pages/firmware-screen';
import { GroupsSidebar } from '../pages/groups-sidebar';
import { JobWizard } from '../pages/job-wizard';
import { TemplatesScreen } from '../pages/templates-screen';

const VERSION = '1.6.0';
const GROUP = 'Hall plugs';
const TEMPLATE = 'Hall update';
const SIZES = [
  { name: '1440x900', width: 1440, height: 900 },
  { name: '1024x700', width: 1024, height: 700 },
] as const;

test.describe('templates that travel', () => {
  test.use({ fleetOptions: { count: 2, bootTimeMs: 1_000, seed: 31 } });

  test('a template exported, its group deleted and its image replaced, imported again: each named, the group recreated from it', async ({
    fleet,
    host,
  }, testInfo) => {
    const app = fleet.devices[0]!.app;
    // Two builds of the same app and version: the library of "another install" holds the second one.
    const original = {
      name: `${app}-${VERSION}.zip`,
      bytes: buildShellyFirmwareZip({ app, version: VERSION, buildId: '20260101-000000/1.6.0-gaaaaaa' }),
    };
    const rebuilt = {
      name: `${app}-${VERSION}-rebuilt.zip`,
      bytes: buildShellyFirmwareZip({ app, version: VERSION, buildId: '20260202-000000/1.6.0-gbbbbbb' }),
    };
    const page = await host.open();
    const ui = new FieldbatchPage(page);
    await expect(ui.deviceRows()).toHaveCount(fleet.devices.length);
    const shots = async (name: string) => {
      for (const size of SIZES) {
        await page.setViewportSize(size);
        await page.screenshot({ path: testInfo.outputPath(`${name}-${size.name}.png`), fullPage: true });
      }
      await page.setViewportSize(SIZES[0]);
    };

    const library = new FirmwareScreen(page);
    await library.open();
    await library.importFile(original.name, original.bytes);
    await expect(library.upload(original.name)).toHaveAttribute('data-upload-state', 'done');

    const groups = new GroupsSidebar(page);
    await ui.view('Inventory').click();
    await groups.startSmartGroup(GROUP);
    await groups.typeFirmwareRange('<9');
    await groups.saveSmartGroup();
    await expect(groups.count(GROUP)).toHaveText(String(fleet.devices.length));

    const wizard = new JobWizard(page);
    await wizard.open();
    await wizard.setName('Update the hall');
    await wizard.chooseGroup(GROUP);
    await wizard.next();
    await wizard.addStep('firmware-update');
    await wizard.chooseImage(original.name);
    await wizard.saveAsTemplate(TEMPLATE);
    await expect(wizard.templateStatus()).toHaveText(`Saved as template “${TEMPLATE}”, version 1.`);

    const templates = new TemplatesScreen(page);
    await templates.open();
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      templates.exportButton(TEMPLATE, 'JSON').click(),
    ]);
    const file = testInfo.outputPath(download.suggestedFilename());
    await download.saveAs(file);

    // This install now looks like another laptop: no such group, and the same build under other bytes.
    await library.open();
    await library.removeImage(original.name);
    await library.importFile(rebuilt.name, rebuilt.bytes);
    await expect(library.upload(rebuilt.name)).toHaveAttribute('data-upload-state', 'done');
    await ui.view('Inventory').click();
    await groups.deleteGroup(GROUP);
    await expect(groups.group(GROUP)).toHaveCount(0);

    const groupMissing = `Group '${GROUP}' does not exist here; create it from the template's filter?`;
    const imageNotice = new RegExp(
      `^Shelly image for ${app} ${VERSION.replace(/\./g, '\\.')}: the library's ${rebuilt.name.replace(/\./g, '\\.')} is used instead of the template's ${original.name.replace(/\./g, '\\.')} \\(same family, app and version, but not the same file\\)$`,
    );

    // Loading the saved template in the wizard warns about the deleted group instead of dropping it.
    await wizard.open();
    await wizard.startFromTemplate(`${TEMPLATE} (v1)`);
    await expect(wizard.templateProblems()).toHaveText([
      `${groupMissing} Create group “${GROUP}”`,
      imageNotice,
    ]);
    await expect(wizard.groupChoice(GROUP)).toHaveCount(0);
    await shots('01-wizard-load-warning');

    await templates.open();
    await templates.importFile(file);
    await expect(templates.importReport()).toContainText(`imported as the new template “${TEMPLATE}”`);
    await expect(templates.importProblems()).toHaveText([
      `${groupMissing} Create group “${GROUP}”`,
      imageNotice,
    ]);
    await shots('02-import-warning');

    await templates.createGroupFromTemplate(GROUP);
    await expect(templates.importProblems()).toHaveText([imageNotice]);
    await shots('03-group-recreated');
    await ui.view('Inventory').click();
    await expect(groups.count(GROUP)).toHaveText(String(fleet.devices.length));

    // The imported template (newest, so listed first) now loads with the recreated group ticked.
    await wizard.open();
    await wizard.startFromTemplate(`${TEMPLATE} (v1)`);
    await expect(wizard.groupChoice(GROUP)).toBeChecked();
    await expect(wizard.templateProblems()).toHaveText([imageNotice]);
  });
});

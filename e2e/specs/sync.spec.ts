import type { SimulatedShelly } from '../../simulator';
import { backOffice } from '../fixtures/back-office';
import { expect, test } from '../fixtures/test';
import { AppShell } from '../pages/app-shell';
import { FieldbatchPage } from '../pages/fieldbatch-page';
import { SyncScreen } from '../pages/sync-screen';
import { HttpsStub } from '../../test-support/sync/https-stub';
import { mintTestCertificates } from '../../test-support/sync/test-pki';

const idOf = (device: SimulatedShelly) => `mac:${device.mac.toLowerCase()}`;

test.describe('sync to the back office', () => {
  test.use({ fleetOptions: { count: 2, bootTimeMs: 1_000, seed: 21 } });

  test('MQTT targets added after a job receive every kept result; an unreachable one says so in plain words', async ({
    fleet,
    broker,
    host,
  }, testInfo) => {
    const { client, records } = await backOffice(broker.url, 'site-e2e', 'e2e-sync-consumer');
    try {
      const page = await host.open();
      const ui = new FieldbatchPage(page);
      const sync = new SyncScreen(page);
      for (const device of fleet.devices)
        await expect(ui.onlineCell(idOf(device))).toHaveAttribute('data-online', 'true');
      // The day's results come first, with no target: the header says so from the start, not "All synced".
      await ui.select(fleet.devices.map(idOf));
      await ui.rebootSelected(2);
      await expect(ui.monitor()).toHaveAttribute('data-job-state', 'completed', { timeout: 60_000 });
      await expect(sync.indicator()).toHaveText(/^No sync target · \d+ results waiting$/);
      const waiting = Number(await sync.indicator().getAttribute('data-pending'));

      await sync.open();
      await expect(page.getByText('No sync targets yet')).toBeVisible();
      await sync.newTargetForm();
      await expect(sync.newTargetReceives()).toHaveText(
        `This target will receive the ${waiting} results still on this computer, then new ones.`,
      );
      await sync.addMqttTarget({ name: 'Office broker', url: broker.url, topicPrefix: 'site-e2e' });
      await expect(sync.state('Office broker')).toHaveText(/^Synced · last success/);
      await expect(sync.pending('Office broker')).toHaveText('0');
      await expect(sync.indicator()).toHaveText('All synced');
      const executions = () => [...records.keys()].filter((id) => id.startsWith('exec:'));
      await expect.poll(() => executions().length).toBe(fleet.devices.length);
      for (const device of fleet.devices)
        expect(executions().some((id) => id.includes(`:${idOf(device)}:`))).toBe(true);
      expect([...records.values()].some((r) => r.kind === 'job.state')).toBe(true);
      expect(records.size).toBeGreaterThanOrEqual(waiting);

      // A target added later still gets every record kept on this computer, not only new ones.
      const late = await backOffice(broker.url, 'site-late', 'e2e-sync-late-consumer');
      try {
        await sync.addMqttTarget({ name: 'Late broker', url: broker.url, topicPrefix: 'site-late' });
        await expect(sync.state('Late broker')).toHaveText(/^Synced · last success/);
        await expect.poll(() => late.records.size).toBeGreaterThanOrEqual(records.size);
        for (const id of records.keys()) expect(late.records.has(id)).toBe(true);
      } finally {
        await late.client.endAsync();
      }

      // Nothing listens on port 1: plain words on the card, the raw error only as its tooltip.
      await sync.addMqttTarget({ name: 'Dead broker', url: 'mqtt://127.0.0.1:1', topicPrefix: 'dead' });
      await expect(sync.state('Dead broker')).toHaveText(
        /^Waiting to retry in \d+ s: cannot reach 127\.0\.0\.1:1: connection refused$/,
        { timeout: 15_000 },
      );
      await expect(sync.state('Dead broker')).toHaveAttribute('title', /ECONNREFUSED/);
      await expect(sync.lastError('Dead broker')).toHaveCount(0);

      await sync.syncNow();
      await expect(sync.state('Office broker')).toHaveText(/^Synced/);
      await expect(sync.state('Dead broker')).toHaveText(/cannot reach 127\.0\.0\.1:1/);
      const shell = new AppShell(page);
      for (const [width, height] of [
        [1440, 900],
        [1024, 700],
      ] as const) {
        await page.setViewportSize({ width, height });
        for (const theme of ['Light', 'Dark'] as const) {
          await shell.chooseTheme(theme);
          await page.screenshot({
            path: testInfo.outputPath(`sync-${width}x${height}-${theme.toLowerCase()}.png`),
          });
        }
      }
      await page.getByRole('button', { name: 'Remove Dead broker' }).click();
      await expect(sync.card('Dead broker').getByRole('group', { name: 'Remove target' })).toContainText(
        /results? ha(s|ve) not reached this target yet\. Removing it drops them for this target; other targets still get theirs\./,
      );
      await page.screenshot({ path: testInfo.outputPath('sync-remove-1024x700-dark.png') });
      await sync.card('Dead broker').getByRole('button', { name: 'Remove target' }).click();
      await expect(sync.card('Dead broker')).toHaveCount(0);
      await page.getByRole('button', { name: 'Add sync target' }).click();
      await page
        .getByRole('form', { name: 'New sync target' })
        .getByLabel('Kind')
        .selectOption({ label: 'Eclipse hawkBit' });
      await page.screenshot({
        path: testInfo.outputPath('sync-hawkbit-form-1024x700-dark.png'),
        fullPage: true,
      });
    } finally {
      await client.endAsync();
    }
  });
});

test.describe('a back office that refuses', () => {
  test('an HTTPS target answered 401 says so in words, keeps the results, and sends them once fixed', async ({
    host,
  }, testInfo) => {
    const certificates = mintTestCertificates();
    let accepted = false;
    const stub = new HttpsStub(certificates, () => (accepted ? { status: 200 } : { status: 401 }));
    const url = `${await stub.start()}/ingest`;
    try {
      const page = await host.open();
      const sync = new SyncScreen(page);
      await sync.open();
      await sync.addHttpsTarget({
        name: 'Back office',
        url,
        token: 'wrong-token',
        caPem: certificates.caPem,
      });
      // The target's own saving is audited, so there is at least one record to send.
      await expect(sync.state('Back office')).toHaveText('Not sending: fix the last error, then Sync now');
      await expect(sync.lastError('Back office')).toHaveText(
        /^127\.0\.0\.1:\d+ answered HTTP 401: check the credentials$/,
      );
      await expect(sync.pending('Back office')).not.toHaveText('0');
      expect(stub.requests[0]?.headers.authorization).toBe('Bearer wrong-token');
      await page.setViewportSize({ width: 1024, height: 700 });
      await page.screenshot({ path: testInfo.outputPath('sync-https-401-1024x700.png') });

      accepted = true;
      await sync.syncNow();
      await expect(sync.state('Back office')).toHaveText(/^Synced · last success/);
      await expect(sync.pending('Back office')).toHaveText('0');
      const keys = stub.requests.map((r) => r.headers['idempotency-key']);
      expect(keys.every((k) => typeof k === 'string' && /^"[0-9a-f]{64}"$/.test(k))).toBe(true);
    } finally {
      await stub.stop();
      certificates.cleanup();
    }
  });
});

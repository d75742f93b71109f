import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { DEMO_USAGE, DemoUsageError, parseDemoArgs } from './demo/demo-args';
import { writeDemoFirmware } from './demo/demo-firmware';
import { startDemoHost, type DemoHost } from './demo/demo-host';
import { startDemoSite, type DemoSite } from './demo/demo-site';
import { demoSummary } from './demo/demo-summary';

// `npm run demo`: a simulated site on 127.0.0.1 (Shelly over mDNS on loopback only, Tasmota over MQTT and
// on serial PTYs, some faulty devices, firmware images to import) plus the headless host browsing mDNS on
// loopback only, so nothing is ever advertised on a real network. Everything it starts stops with it.
const ROOT = join(__dirname, '..');

async function main(): Promise<void> {
  const args = parseDemoArgs(process.argv.slice(2));
  const dataDir = process.env.FIELDBATCH_DATA_DIR ?? join(ROOT, '.fieldbatch-data', 'demo');
  mkdirSync(dataDir, { recursive: true });
  let site: DemoSite | undefined;
  let host: DemoHost | undefined;
  let stopping: Promise<void> | undefined;
  const stop = (code: number) =>
    (stopping ??= (async () => {
      await host?.stop();
      await site?.stop();
      console.log('demo stopped');
      process.exit(code);
    })());
  process.once('SIGINT', () => void stop(0));
  process.once('SIGTERM', () => void stop(0));
  try {
    site = await startDemoSite({ ...args, seed: 2026 });
    const firmwareDir = join(dataDir, 'firmware-to-import');
    const firmwareFiles = writeDemoFirmware(
      [...site.simulation.devices, ...site.serialFleet.devices],
      firmwareDir,
    );
    host = await startDemoHost(ROOT, dataDir);
    void host.exited.then((code) => {
      if (stopping) return;
      console.error(`the app exited (${code}); stopping the simulated site`);
      void stop(code ?? 1);
    });
    console.log(demoSummary(site, { appUrl: host.url, logFile: host.logFile, firmwareDir, firmwareFiles }));
  } catch (error) {
    console.error('demo failed:', error instanceof Error ? error.message : error);
    await stop(1);
  }
  if (args.stopAfterS !== null) setTimeout(() => void stop(0), args.stopAfterS * 1_000);
}

main().catch((error: unknown) => {
  const isUsage =
    error instanceof DemoUsageError || (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS');
  console.error(
    isUsage ? `npm run demo: ${(error as Error).message}\n${DEMO_USAGE}` : `demo failed: ${String(error)}`,
  );
  process.exit(isUsage ? 2 : 1);
});

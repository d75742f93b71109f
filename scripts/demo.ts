import { spawn } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildShellyFirmwareZip, startShellyFleet, type ShellyFleet } from '../simulator';

// `npm run demo`: a simulated site (Shelly devices on 127.0.0.1, announced by mDNS on loopback only) plus
// the headless host browsing mDNS on loopback only, so nothing is ever advertised on a real network.
const ROOT = join(__dirname, '..');
const LOOPBACK = '127.0.0.1';
const DEMO_VERSION = '1.7.0';

/** One real-format firmware zip per app in the fleet, ready to import for a firmware job. */
function writeDemoFirmware(fleet: ShellyFleet, dir: string): void {
  mkdirSync(dir, { recursive: true });
  for (const app of new Set(fleet.devices.map((d) => d.app))) {
    const buildId = `20260101-000000/${DEMO_VERSION}-gdemo000`;
    writeFileSync(
      join(dir, `${app}-${DEMO_VERSION}.zip`),
      buildShellyFirmwareZip({ app, version: DEMO_VERSION, buildId }),
    );
  }
  console.log(`Firmware ${DEMO_VERSION} for each app, to import in the Firmware view: ${dir}`);
}

async function main(): Promise<void> {
  const count = Number(process.env.FIELDBATCH_DEMO_DEVICES ?? 12);
  const dataDir = process.env.FIELDBATCH_DATA_DIR ?? join(ROOT, '.fieldbatch-data', 'demo');
  mkdirSync(dataDir, { recursive: true });
  const fleet = await startShellyFleet({ count, bootTimeMs: 3_000, seed: 2026 });
  console.log(
    `Simulated site: ${fleet.devices.length} Shelly devices on ${LOOPBACK} (mDNS on loopback only)`,
  );
  writeDemoFirmware(fleet, join(dataDir, 'firmware-to-import'));
  const host = spawn(
    process.execPath,
    [
      join(ROOT, 'node_modules/tsx/dist/cli.mjs'),
      join(ROOT, 'electron/headless/cli.ts'),
      '--data',
      dataDir,
      '--mdns-interface',
      LOOPBACK,
    ],
    { cwd: ROOT, stdio: ['ignore', 'inherit', 'inherit'] },
  );
  const hostExited = new Promise<number | null>((resolve) => host.once('exit', resolve));
  const stop = async () => {
    host.kill('SIGTERM');
    await hostExited;
    await fleet.stop();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop());
  process.once('SIGTERM', () => void stop());
  void hostExited.then(async (code) => {
    console.error(`headless host exited (${code}); stopping the simulated site`);
    await fleet.stop();
    process.exit(code ?? 1);
  });
}

main().catch((error: unknown) => {
  console.error('demo failed:', error);
  process.exit(1);
});

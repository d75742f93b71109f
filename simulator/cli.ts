import { parseArgs } from 'node:util';
import { startShellyFleet } from './index';

const USAGE = `Usage: tsx simulator/cli.ts --shelly <n> [--seed 1] [--boot-ms 2000] [--reboot-delay-ms 0]
                              [--base-port 0] [--no-mdns]`;

function integerOption(value: string | undefined, name: string, fallback: number): number {
  if (value === undefined) return fallback;
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < 0) throw new Error(`--${name} must be a non-negative integer`);
  return parsed;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      shelly: { type: 'string' },
      seed: { type: 'string' },
      'boot-ms': { type: 'string' },
      'reboot-delay-ms': { type: 'string' },
      'base-port': { type: 'string' },
      'no-mdns': { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    console.log(USAGE);
    return;
  }
  const fleet = await startShellyFleet({
    count: integerOption(values.shelly, 'shelly', 0),
    seed: integerOption(values.seed, 'seed', 1),
    bootTimeMs: integerOption(values['boot-ms'], 'boot-ms', 2000),
    rebootDelayMs: integerOption(values['reboot-delay-ms'], 'reboot-delay-ms', 0),
    basePort: integerOption(values['base-port'], 'base-port', 0),
    mdns: !values['no-mdns'],
  });
  for (const device of fleet.devices) {
    console.log(`${device.id} ${device.model} ${device.ver} http://${device.host}:${device.port}`);
  }
  const shutdown = (signal: NodeJS.Signals): void => {
    console.error(`${signal}: stopping ${fleet.devices.length} simulated devices`);
    fleet.stop().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error(error);
        process.exit(1);
      },
    );
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  console.error(USAGE);
  process.exit(1);
});

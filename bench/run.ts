import type { Benchmark } from './bench-types';
import { crashResume } from './crash-resume';
import { discovery } from './discovery';
import { engine } from './engine';
import { eta } from './eta';
import { firmwareServer } from './firmware-server';
import { inventoryUi } from './inventory-ui';
import { rebootBatch } from './reboot-batch';
import { report } from './report';
import { simScale } from './sim-scale';
import { sync } from './sync';
import { syncFaults } from './sync-faults';

/** Every benchmark. `npm run bench` runs all; `npm run bench -- <name>` runs one. */
const BENCHMARKS: readonly Benchmark[] = [
  rebootBatch,
  simScale,
  discovery,
  inventoryUi,
  firmwareServer,
  engine,
  crashResume,
  eta,
  report,
  sync,
  syncFaults,
];

async function main(): Promise<void> {
  const wanted = process.argv.slice(2);
  const unknown = wanted.filter((name) => !BENCHMARKS.some((b) => b.name === name));
  if (unknown.length > 0) {
    console.error(
      `unknown benchmark(s): ${unknown.join(', ')}; known: ${BENCHMARKS.map((b) => b.name).join(', ')}`,
    );
    process.exit(2);
  }
  for (const bench of BENCHMARKS.filter((b) => wanted.length === 0 || wanted.includes(b.name))) {
    console.error(`bench ${bench.name}: ${bench.description}`);
    const figures = await bench.run();
    console.log(JSON.stringify({ bench: bench.name, ...figures }));
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);

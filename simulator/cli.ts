import { parseArgs } from 'node:util';
import { describeFault } from './faults/fault-types';
import { MAKE_FIRMWARE_USAGE, runMakeFirmware } from './firmware/make-firmware-cli';
import { startSimulation, type Simulation } from './simulation';

const USAGE = `Usage: npm run sim -- [options]
       npm run sim -- make-firmware ... (real-format firmware files; make-firmware --help)

Devices
  --shelly <n>             Shelly Gen2+ devices (HTTP JSON-RPC + WebSocket, mDNS on 127.0.0.1)
  --tasmota <n>            Tasmota devices (HTTP /cm; MQTT with --broker)
  --tasmota-serial <n>     give the first n Tasmota devices a serial console (socat PTY pair)
  --broker <url>           mqtt://127.0.0.1:<port> for the Tasmota devices
  --seed <n>               identities, fault choices and random decisions (default 1)
Behaviour
  --boot-ms <ms>           boot time after a reboot/restart (default 2000)
  --reboot-delay-ms <ms>   Shelly.Reboot delay when the call has no delay_ms (default 0)
  --password <pw>          turn auth on: Shelly digest (user admin) and Tasmota WebPassword
  --auth-style <s>         legacy | fw2 | mixed: Shelly nonce rules once auth is on (default legacy)
  --nonce-lifetime-ms <ms> firmware-2.0 nonce lifetime (default 3600000)
  --ota-retry-ms <ms>      pause between Tasmota OTA attempts (default 200; a real device waits ~2000)
  --faults <spec>          fault rules, e.g. hang:5%,slow:10%:200-800ms,silent-rollback:3
Network
  --base-port <p>          Shelly i listens on p+i (default: ephemeral)
  --tasmota-base-port <p>  Tasmota i listens on p+i (default: ephemeral)
  --control-port <p>       control endpoint port on 127.0.0.1 (default: ephemeral)
  --serial-dir <dir>       where the PTY links go (default: a temp dir)
  --no-mdns                do not answer mDNS

Fault spec: rule{,rule}; rule = kind:target{:arg}; target = [shelly/|tasmota/](N% | N | all | s<i>+t<j>+<id>)
  offline[:refuse|silent|unadvertised]  slow[:200-800ms]  flaky[:0.3]  hang[:silent|mid]  garbage  http-500
  ota-download-error  corrupt-download  silent-rollback  long-reboot[:30s]  drop[:after=<n|dur>][:for=<dur>]
See simulator/README.md for the details and the control API; simulator/firmware/README.md for firmware files.`;

const INTEGER_OPTIONS = [
  'shelly',
  'tasmota',
  'tasmota-serial',
  'seed',
  'boot-ms',
  'reboot-delay-ms',
  'base-port',
  'tasmota-base-port',
  'control-port',
  'nonce-lifetime-ms',
  'ota-retry-ms',
] as const;

function integer(values: Record<string, unknown>, name: string, fallback: number): number {
  const value = values[name];
  if (value === undefined) return fallback;
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < 0) throw new Error(`--${name} must be a non-negative integer`);
  return parsed;
}

function printStarted(
  sim: Simulation,
  password: string | undefined,
  style: string,
  broker: string | undefined,
): void {
  console.log(`# control url=${sim.controlUrl}`);
  if (password !== undefined)
    console.log(`# credentials user=admin password=${password} shelly-auth=${style} tasmota-webpassword=on`);
  if (broker !== undefined) console.log(`# broker url=${broker}`);
  if (sim.serialDir !== undefined) console.log(`# serial dir=${sim.serialDir}`);
  // Shelly lines keep the v1 format "<id> <model> <ver> http://host:port": scripts parse it.
  for (const device of sim.shelly)
    console.log(`${device.id} ${device.model} ${device.ver} http://${device.host}:${device.port}`);
  for (const device of sim.tasmota) {
    const serial = device.serialPath === undefined ? '' : ` serial=${device.serialPath}`;
    console.log(
      `tasmota ${device.id} mac=${device.mac} module="${device.module}" version=${device.version} cm=http://${device.host}:${device.port}/cm topic=${device.topic}${serial}`,
    );
  }
  for (const device of sim.devices.filter((d) => d.faults.length > 0)) {
    console.log(
      `# fault ref=${device.family[0]}${device.index} id=${device.id} faults=${device.faults.map(describeFault).join(',')}`,
    );
  }
  console.log(`# ready devices=${sim.devices.length}`);
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      ...Object.fromEntries(INTEGER_OPTIONS.map((name) => [name, { type: 'string' as const }])),
      broker: { type: 'string' },
      faults: { type: 'string' },
      password: { type: 'string' },
      'auth-style': { type: 'string' },
      'serial-dir': { type: 'string' },
      'no-mdns': { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) return console.log(USAGE);
  const style = (values['auth-style'] as string | undefined) ?? 'legacy';
  if (!['legacy', 'fw2', 'mixed'].includes(style))
    throw new Error('--auth-style must be legacy, fw2 or mixed');
  const password = values.password as string | undefined;
  const broker = values.broker as string | undefined;
  const bootTimeMs = integer(values, 'boot-ms', 2000);
  const sim = await startSimulation({
    seed: integer(values, 'seed', 1),
    mdns: !values['no-mdns'],
    faults: (values.faults as string | undefined) ?? '',
    controlPort: integer(values, 'control-port', 0),
    shelly: {
      count: integer(values, 'shelly', 0),
      bootTimeMs,
      rebootDelayMs: integer(values, 'reboot-delay-ms', 0),
      basePort: integer(values, 'base-port', 0),
      auth: password === undefined ? undefined : { password, style: style as 'legacy' | 'fw2' | 'mixed' },
      nonceRules: { lifetimeMs: integer(values, 'nonce-lifetime-ms', 3_600_000) },
    },
    tasmota: {
      count: integer(values, 'tasmota', 0),
      serialCount: integer(values, 'tasmota-serial', 0),
      serialDir: values['serial-dir'] as string | undefined,
      broker,
      bootTimeMs,
      basePort: integer(values, 'tasmota-base-port', 0),
      webPassword: password,
      otaRetryMs: integer(values, 'ota-retry-ms', 200),
    },
  });
  printStarted(sim, password, style, broker);
  const shutdown = (signal: NodeJS.Signals): void => {
    console.error(`${signal}: stopping ${sim.devices.length} simulated devices`);
    sim.stop().then(
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

function makeFirmwareCommand(argv: string[]): void {
  if (argv.includes('--help') || argv.includes('-h')) return console.log(MAKE_FIRMWARE_USAGE);
  try {
    console.log(runMakeFirmware(argv));
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    console.error(MAKE_FIRMWARE_USAGE);
    process.exit(1);
  }
}

if (process.argv[2] === 'make-firmware') {
  makeFirmwareCommand(process.argv.slice(3));
} else {
  main().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    console.error(USAGE);
    process.exit(1);
  });
}

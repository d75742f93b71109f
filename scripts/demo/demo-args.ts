import { parseArgs } from 'node:util';

export interface DemoArgs {
  /** Stop everything after this many seconds (tests); null: run until Ctrl-C / SIGTERM. */
  stopAfterS: number | null;
  shellyCount: number;
  tasmotaCount: number;
}

export class DemoUsageError extends Error {
  override readonly name = 'DemoUsageError';
}

export const DEMO_USAGE = `Usage: npm run demo -- [--shelly N] [--tasmota N] [--stop-after SECONDS]
  --shelly N            Shelly devices announced by mDNS (default 8)
  --tasmota N           Tasmota devices over MQTT (default 6; needs mosquitto)
  --stop-after SECONDS  stop everything after that long (default: run until Ctrl-C)`;

function count(text: string, name: string, max: number): number {
  const n = Number(text);
  if (!Number.isInteger(n) || n < 0 || n > max) {
    throw new DemoUsageError(`--${name} must be a whole number from 0 to ${max}, not "${text}"`);
  }
  return n;
}

export function parseDemoArgs(argv: string[]): DemoArgs {
  const { values } = parseArgs({
    args: argv,
    options: {
      shelly: { type: 'string', default: '8' },
      tasmota: { type: 'string', default: '6' },
      'stop-after': { type: 'string' },
    },
  });
  const stopAfter = values['stop-after'];
  if (stopAfter !== undefined && !(Number(stopAfter) > 0)) {
    throw new DemoUsageError(`--stop-after must be a number of seconds above 0, not "${stopAfter}"`);
  }
  return {
    stopAfterS: stopAfter === undefined ? null : Number(stopAfter),
    shellyCount: count(values.shelly, 'shelly', 200),
    tasmotaCount: count(values.tasmota, 'tasmota', 200),
  };
}

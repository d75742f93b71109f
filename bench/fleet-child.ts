import { createInterface } from 'node:readline';
import { startSimulation, type SimulatedShelly } from '../simulator';
import type { FleetDevice, FleetMessage, FleetRequest, FleetState } from './fleet-protocol';

/**
 * Child process of FleetProcess: a simulated Shelly fleet (mDNS on 127.0.0.1) driven by JSON lines on stdin,
 * answering on stdout. Argument: a JSON `{count, bootMs, seed}`.
 *
 * The first-call probe: after `arm`, the first RPC command any device receives (an `/rpc` call such as
 * `Sys.GetStatus`, which discovery never sends: it identifies devices with `GET /shelly` only) is reported with
 * this machine's wall-clock time. It watches each device's `counters.commands`, which the device bumps as the
 * command reaches it, so no request is missed and nothing polls.
 */
async function main(): Promise<void> {
  const { count, bootMs, seed } = JSON.parse(process.argv[2]!) as {
    count: number;
    bootMs: number;
    seed: number;
  };
  const sim = await startSimulation({ seed, shelly: { count, bootTimeMs: bootMs } });
  const send = (message: FleetMessage) => process.stdout.write(JSON.stringify(message) + '\n');
  let isArmed = false;
  for (const device of sim.shelly)
    watchCommands(device, () => {
      if (!isArmed) return;
      isArmed = false;
      send({ type: 'first-call', at: Date.now(), deviceId: device.id });
    });
  const stop = () => void sim.stop().then(() => process.exit(0));
  process.once('SIGTERM', stop);
  createInterface({ input: process.stdin })
    .on('line', (line) => {
      const request = JSON.parse(line) as FleetRequest;
      if (request.op === 'arm') {
        isArmed = true;
        send({ type: 'armed' });
      } else send({ type: 'state', devices: sim.shelly.map(stateOf) });
    })
    .on('close', stop);
  send({ type: 'ready', devices: sim.shelly.map(describe) });
}

function watchCommands(device: SimulatedShelly, onCommand: () => void): void {
  let commands = device.counters.commands;
  Object.defineProperty(device.counters, 'commands', {
    enumerable: true,
    get: () => commands,
    set: (value: number) => {
      commands = value;
      onCommand();
    },
  });
}

const describe = (d: SimulatedShelly): FleetDevice => ({
  id: d.id,
  mac: d.mac,
  model: d.model,
  url: `http://${d.host}:${d.port}`,
});

const stateOf = (d: SimulatedShelly): FleetState => ({
  id: d.id,
  mac: d.mac,
  ver: d.ver,
  fwId: d.fwId,
  flashes: d.counters.flashes,
  reboots: d.counters.reboots,
  rollbacks: d.counters.rollbacks,
  otaFailures: d.counters.otaFailures,
});

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});

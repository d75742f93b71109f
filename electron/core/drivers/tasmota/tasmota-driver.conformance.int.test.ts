import {
  parseDeviceFaults,
  startTasmotaFleet,
  type SimulatedTasmota,
  type TasmotaFleet,
} from '../../../../simulator';
import { startMosquitto, type MosquittoBroker } from '../../../../simulator/test-support/mosquitto-broker';
import {
  describeDriverConformance,
  type ConformanceDevice,
} from '../../../../test-support/drivers/driver-conformance';
import { endpointOf, targetOf, TasmotaRig } from '../../../../test-support/drivers/tasmota/tasmota-test-rig';

let broker: MosquittoBroker | undefined;
let fleet: TasmotaFleet | undefined;
let rig: TasmotaRig | undefined;
let used = 0;

const sideEffects = (d: SimulatedTasmota) =>
  d.counters.reboots + d.counters.flashes + d.counters.resets + d.counters.configWrites;

describeDriverConformance('Tasmota over MQTT', {
  async start() {
    broker = await startMosquitto();
    fleet = await startTasmotaFleet({
      count: 8,
      seed: 55,
      broker: broker.url,
      bootTimeMs: 300,
      restartDelayMs: 50,
    });
    rig = new TasmotaRig();
    await rig.connect(broker.url);
    return rig.driver;
  },
  async stop() {
    await rig?.close();
    await fleet?.stop();
    await broker?.stop();
  },
  async device(options) {
    const d = fleet!.devices[used++];
    if (!d) throw new Error('the conformance fleet is too small');
    // The reboot then outlasts the test: only the cancel can end the step.
    if (options?.slowReboot) d.setFault(parseDeviceFaults('long-reboot:10m'));
    const device: ConformanceDevice = {
      endpoint: endpointOf(d, 'mqtt'),
      target: targetOf(d, ['mqtt']),
      reboots: () => d.counters.reboots,
      sideEffects: () => sideEffects(d),
    };
    return device;
  },
  // Tasmota claims every action; these are the forms of them it must still refuse, touching nothing.
  unsupportedSteps: [
    { action: 'config-change', shelly: { sys: { device: { name: 'only for Shelly' } } } },
    { action: 'factory-reset' },
    { action: 'firmware-update', images: ['0'.repeat(64)] },
    { action: 'set-password', credentialSetId: null },
  ],
});

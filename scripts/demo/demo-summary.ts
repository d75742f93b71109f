import type { DemoSite } from './demo-site';

/** What the demo started and what to do with it, for a technician reading the terminal. */
export interface DemoPlaces {
  appUrl: string;
  logFile: string;
  firmwareDir: string;
  firmwareFiles: string[];
}

export function demoSummary(site: DemoSite, places: DemoPlaces): string {
  const { appUrl, logFile, firmwareDir, firmwareFiles } = places;
  const { simulation, serialFleet, broker } = site;
  const ports = serialFleet.devices.flatMap((d) => (d.serialPath ? [d.serialPath] : []));
  const lines = [
    '',
    '=== Fieldbatch demo site (127.0.0.1 only) ===',
    `Open the app:      ${appUrl}`,
    `Shelly (mDNS):     ${simulation.shelly.length} devices, found by themselves in the Inventory`,
    broker
      ? `Tasmota (MQTT):    ${simulation.tasmota.length} devices on the broker ${broker.url}` +
        `\n                   add it in Discovery → MQTT brokers → Add broker (Broker URL as above, no user)`
      : `Tasmota (MQTT):    none: ${site.brokerHint}`,
    `Tasmota (serial):  ${ports.length} devices; probe these ports in Discovery → Serial ports:`,
    ...ports.map((p) => `                   ${p}`),
    `Devices with faults:`,
    ...site.faults.map((f) => `                   ${f}`),
    `Firmware to import (Firmware → Import): ${firmwareDir}`,
    ...firmwareFiles.map((f) => `                   ${f}`),
    `The app's log:     ${logFile}`,
    'Stop with Ctrl-C: everything above stops with it.',
    '',
  ];
  return lines.join('\n');
}

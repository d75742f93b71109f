/**
 * The simulator only ever talks to this machine. A client may still hand a device an off-machine address
 * (Tasmota's default OtaUrl is ota.tasmota.com; `MqttHost 198.51.100.5`); such addresses are treated as
 * unreachable instead of being contacted.
 */
export function isLoopbackHost(host: string): boolean {
  return /^127\.\d+\.\d+\.\d+$/.test(host) || host === 'localhost' || host === '[::1]' || host === '::1';
}

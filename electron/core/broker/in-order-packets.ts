import type { Client } from 'aedes';

/** The aedes 1.2.0 client internals this relies on (lib/client.js); the broker tests fail if they move. */
interface ClientInternals {
  _parser: NodeJS.EventEmitter;
  _nextBatch: (error?: Error | null) => void;
}

/**
 * Makes aedes handle one client's packets one at a time, in the order they came. aedes (1.2.0) handles all the
 * packets of a socket read at once (lib/client.js `enqueue`), so a later packet can finish first:
 * - an UNSUBSCRIBE then a SUBSCRIBE of the same filter (our MQTT sessions do this between two commands to one
 *   device) can end with no subscription at all after a SUBACK, and the device's reply is never delivered;
 * - a retained or QoS 1 publish is numbered, then stored or queued asynchronously, while the QoS 0 publish
 *   after it goes straight out; subscribers then drop the earlier one as a duplicate (lib/client.js `dedupe`;
 *   moscajs/aedes issues 994 and 955). Tasmota does exactly this on every connect: LWT `Online` retained, then
 *   at once an empty `cmnd/<topic>/POWER` (tasmota/tasmota_support/xdrv_02_9_mqtt.ino, MqttConnected), and
 *   the app would never see the device come back.
 * MQTT 3.1.1 §4.6 expects a client's messages in order; mosquitto processes each client's packets in order.
 */
export function handlePacketsInOrder(client: Client): void {
  const internals = client as unknown as ClientInternals;
  const parser = internals._parser;
  const [enqueue] = parser.listeners('packet') as ((packet: unknown) => void)[];
  if (enqueue === undefined)
    throw new Error('aedes client without a packet listener: check the aedes version');
  const waiting: unknown[] = [];
  let isBusy = false;
  const next = () => {
    const packet = waiting.shift();
    if (packet === undefined) return;
    isBusy = true;
    enqueue.call(parser, packet);
  };
  // aedes reads `client._nextBatch` each time it hands a packet over, and calls it once that packet is done.
  const batchDone = internals._nextBatch;
  internals._nextBatch = (error) => {
    batchDone(error);
    isBusy = false;
    next();
  };
  parser.removeAllListeners('packet');
  parser.on('packet', (packet: unknown) => {
    waiting.push(packet);
    if (!isBusy) next();
  });
}

import { Store } from 'mqtt';

/**
 * mqtt.js's in-memory outgoing store, except that what it hands out for replay after a reconnect carries
 * DUP=1: mqtt.js 5 replays unacknowledged PUBLISHes from `createStream` (client.js `_onConnect`) as stored,
 * with DUP=0 (mqttjs/MQTT.js#692), while MQTT 3.1.1 §3.3.1.1 [MQTT-3.3.1-1] says a re-delivery sets DUP.
 * MqttTarget publishes only while connected, so what is replayed went out once. Receivers still dedup by id.
 */
export class ReplayMarkingStore extends Store {
  override createStream(): ReturnType<Store['createStream']> {
    const stream = super.createStream();
    const push = stream.push.bind(stream);
    stream.push = (packet: unknown): boolean => {
      if (packet && typeof packet === 'object' && (packet as { cmd?: string }).cmd === 'publish') {
        (packet as { dup?: boolean }).dup = true;
      }
      return push(packet);
    };
    return stream;
  }
}

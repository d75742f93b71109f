import mqtt, { type MqttClient } from 'mqtt';
import { discoveryConfigFixture } from '../drivers/tasmota/tasmota-fixtures';

/** Test helper: plays Tasmota devices on a broker by publishing what they would (retained config, LWT). */
export class FakeTasmotaPublisher {
  private next = 0;

  private constructor(private readonly client: MqttClient) {}

  static async connect(url: string): Promise<FakeTasmotaPublisher> {
    const client = await mqtt.connectAsync(url, { reconnectPeriod: 0 });
    return new FakeTasmotaPublisher(client);
  }

  /** A fresh device identity: MAC (12 upper-case hex) and default topic. */
  nextDevice(): { mac: string; topic: string; id: string } {
    this.next += 1;
    const suffix = (0xb30000 + this.next).toString(16).toUpperCase();
    return { mac: `A4CF12${suffix}`, topic: `tasmota_${suffix}`, id: `mac:a4cf12${suffix.toLowerCase()}` };
  }

  /** Publishes a retained discovery config and, unless `lwt` is null, a retained `tele/<topic>/LWT`. */
  async announce(
    mac: string,
    overrides: Record<string, unknown> = {},
    lwt: string | null = 'Online',
  ): Promise<void> {
    const config = discoveryConfigFixture(mac, overrides);
    await this.retain(`tasmota/discovery/${mac}/config`, JSON.stringify(config));
    if (lwt !== null) await this.retain(`tele/${String(config.t)}/LWT`, lwt);
  }

  retain(topic: string, payload: string | Buffer): Promise<unknown> {
    return this.client.publishAsync(topic, payload, { qos: 1, retain: true });
  }

  publish(topic: string, payload: string | Buffer): Promise<unknown> {
    return this.client.publishAsync(topic, payload, { qos: 1 });
  }

  close(): Promise<void> {
    return this.client.endAsync(true);
  }
}

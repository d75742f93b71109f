import mqtt, { type MqttClient } from 'mqtt';

export interface SeenMessage {
  topic: string;
  text: string;
  retain: boolean;
}

/** A test-side MQTT client that records every message under `filters` and can wait for one. */
export class MqttWatch {
  readonly messages: SeenMessage[] = [];
  private readonly wakers = new Set<() => void>();

  private constructor(readonly client: MqttClient) {
    client.on('message', (topic, payload, packet) => {
      this.messages.push({ topic, text: payload.toString(), retain: packet.retain });
      for (const wake of this.wakers) wake();
    });
  }

  static async connect(url: string, filters: string[] = ['#']): Promise<MqttWatch> {
    const client = mqtt.connect(url, { protocolVersion: 5, reconnectPeriod: 0 });
    const watch = new MqttWatch(client);
    await new Promise<void>((resolve, reject) => {
      client.once('connect', () => resolve());
      client.once('error', reject);
    });
    await client.subscribeAsync(filters, { qos: 1 });
    return watch;
  }

  publish(topic: string, payload: string | Buffer): Promise<unknown> {
    return this.client.publishAsync(topic, payload, { qos: 1 });
  }

  /** Messages after position `from` (use `mark()` before acting). */
  since(from: number): SeenMessage[] {
    return this.messages.slice(from);
  }

  mark(): number {
    return this.messages.length;
  }

  /** Resolves with the first message at index >= `from` that matches. */
  waitFor(match: (m: SeenMessage) => boolean, from = 0, timeoutMs = 5000): Promise<SeenMessage> {
    return new Promise((resolve, reject) => {
      const check = (): boolean => {
        const found = this.messages.slice(from).find(match);
        if (found === undefined) return false;
        clearTimeout(timer);
        this.wakers.delete(check);
        resolve(found);
        return true;
      };
      const timer = setTimeout(() => {
        this.wakers.delete(check);
        reject(new Error(`no matching MQTT message within ${timeoutMs} ms`));
      }, timeoutMs);
      if (!check()) this.wakers.add(check);
    });
  }

  /** Waits for a message on exactly `topic` and parses it as JSON. */
  async json(topic: string, from = 0, timeoutMs = 5000): Promise<Record<string, unknown>> {
    const message = await this.waitFor((m) => m.topic === topic, from, timeoutMs);
    return JSON.parse(message.text) as Record<string, unknown>;
  }

  close(): Promise<void> {
    return this.client.endAsync(true);
  }
}

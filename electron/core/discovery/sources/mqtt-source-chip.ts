import { expandFullTopic } from '../../drivers/tasmota/tasmota-full-topic';
import type { TasmotaDiscovery } from '../../drivers/tasmota/tasmota-protocol';
import { statusSections, statusSectionsWanted } from '../../drivers/tasmota/tasmota-status-sections';
import type { TasmotaCommand } from '../../drivers/tasmota/tasmota-channel';
import { chipFromHardware } from '../../firmware/device-match';
import type { MqttSessionManager } from '../../transport/mqtt-session';
import { topicFilterProblem } from '../../transport/mqtt-topic-filter';

/** `Status 2`: one `stat/<topic>/STATUS2` = `{"StatusFWR":{…,"Hardware":…}}` (support_command.ino CmndStatus). */
const STATUS2: TasmotaCommand = { name: 'Status', value: '2' };

export interface ChipProbeOptions {
  sessions: MqttSessionManager;
  brokerId: string;
  /** Questions in flight at once. Default 16: a site's retained configs arrive in one burst. */
  concurrency?: number;
  /** Budget of one question. Default 5 s. */
  timeoutMs?: number;
  /** The chip a device reported (`ESP8266`, `ESP32-C3`…), or null when its Hardware names none we know. */
  found(mac: string, chip: string | null): void;
  /** A device that did not say (offline, deaf, garbage); `message` says why. */
  failed(mac: string, message: string): void;
}

/**
 * Asks Tasmota devices found by MQTT discovery which chip they run on: discovery configs carry no hardware
 * (xdrv_12_discovery.ino TasDiscoverMessage), `Status 2` answers `StatusFWR.Hardware`. Questions are queued
 * per MAC (one at a time per device, the newest config wins) and run at most `concurrency` at once, so a
 * burst of sightings is never held up by them.
 */
export class ChipProbe {
  private readonly queued = new Map<string, TasmotaDiscovery>();
  private readonly running = new Set<string>();
  private readonly controller = new AbortController();

  constructor(private readonly options: ChipProbeOptions) {}

  /** Queues a question for the device (a repeat while one is queued replaces it). */
  ask(discovery: TasmotaDiscovery): void {
    if (this.controller.signal.aborted) return;
    this.queued.set(discovery.device.mac, discovery);
    this.pump();
  }

  /** Forgets a question not yet sent (the device went offline before its turn). */
  cancel(mac: string): void {
    this.queued.delete(mac);
  }

  /** Drops the queue and abandons the questions in flight (their answers are ignored). */
  stop(): void {
    this.queued.clear();
    this.controller.abort(new Error('discovery stopped'));
  }

  private pump(): void {
    const limit = this.options.concurrency ?? 16;
    for (const [mac, discovery] of this.queued) {
      if (this.running.size >= limit) return;
      if (this.running.has(mac)) continue;
      this.queued.delete(mac);
      this.running.add(mac);
      void this.question(discovery).finally(() => {
        this.running.delete(mac);
        this.pump();
      });
    }
  }

  private async question(discovery: TasmotaDiscovery): Promise<void> {
    const { mac } = discovery.device;
    const { signal } = this.controller;
    try {
      const { cmnd, stat } = discovery.prefixes;
      const values = { topic: discovery.topic, hostname: discovery.hostname, mac };
      const topic = `${expandFullTopic(discovery.fullTopic, { ...values, prefix: cmnd })}${STATUS2.name}`;
      const replies = `${expandFullTopic(discovery.fullTopic, { ...values, prefix: stat })}+`;
      // Free text from the config must not widen our subscription to other devices' messages.
      if (/[+#]/.test(topic) || /[+#]/.test(replies.slice(0, -1)) || topicFilterProblem(replies) !== null) {
        throw new Error(`FullTopic ${JSON.stringify(discovery.fullTopic)} gives unusable topics`);
      }
      const collector = statusSections(STATUS2, statusSectionsWanted(STATUS2)!);
      const json = await this.options.sessions.request({
        brokerId: this.options.brokerId,
        topic,
        payload: STATUS2.value,
        replyFilters: [replies],
        match: (message) =>
          collector.accept({
            level: (message.topic.split('/').pop() ?? '').toUpperCase(),
            payload: message.payload.toString('utf8'),
          }),
        timeoutMs: this.options.timeoutMs ?? 5_000,
        signal,
      });
      const hardware = (json.StatusFWR as { Hardware?: unknown }).Hardware;
      if (!signal.aborted) {
        this.options.found(mac, typeof hardware === 'string' ? chipFromHardware(hardware) : null);
      }
    } catch (error) {
      if (!signal.aborted) this.options.failed(mac, (error as Error).message);
    }
  }
}

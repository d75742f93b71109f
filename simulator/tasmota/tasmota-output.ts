import type { CommandResponse } from './commands/command-types';
import { logLine } from './tasmota-log';
import type { TasmotaMqtt } from './tasmota-mqtt';
import type { ResultSink } from './tasmota-runner';
import type { TasmotaRuntime } from './tasmota-runtime';
import type { SerialConsole } from './tasmota-serial';
import { statTopic } from './tasmota-topics';

/**
 * Where a device's output goes (§2.5): results are published on `stat/<topic>/...` and logged as
 * `MQT: <topic> = <payload>`; without an MQTT session they are only logged, as `RSL: <last level> = ...`.
 */
export class TasmotaOutput {
  console: SerialConsole | undefined;

  constructor(
    private readonly runtime: TasmotaRuntime,
    private readonly mqtt: TasmotaMqtt,
  ) {}

  log(tag: string, text: string): void {
    this.console?.write(logLine(tag, text, this.runtime.settings.timezone));
  }

  publish(topic: string, payload: string, retain = false): void {
    if (!this.mqtt.isConnected) return;
    this.mqtt.publish(topic, payload, retain);
    this.log('MQT', `${topic} = ${payload}${retain ? ' (retained)' : ''}`);
  }

  /** One command's responses; JSON ones also go to `sink` (the merged `/cm` reply). */
  emit(responses: CommandResponse[], sink: ResultSink | undefined): void {
    const { settings } = this.runtime;
    for (const response of responses) {
      const last =
        response.topic ?? (settings.setOptions[4] === 1 ? response.command.toUpperCase() : 'RESULT');
      const text = typeof response.payload === 'string' ? response.payload : JSON.stringify(response.payload);
      if (this.mqtt.isConnected) this.publish(statTopic(this.runtime, last), text);
      else this.log('RSL', `${last} = ${text}`);
      if (sink !== undefined && typeof response.payload !== 'string') sink.push(response.payload);
    }
  }
}

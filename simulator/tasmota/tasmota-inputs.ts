import type { DeviceFaults } from '../faults/device-faults';
import type { TimerSet } from '../util/timer-set';
import type { CommandSource } from './commands/command-types';
import type { TasmotaMqtt } from './tasmota-mqtt';
import type { TasmotaOutput } from './tasmota-output';
import type { CommandRunner, ResultSink } from './tasmota-runner';
import type { TasmotaRuntime } from './tasmota-runtime';
import { statTopic } from './tasmota-topics';

const GARBAGE_PAYLOAD = '{"POW\u0000\u00ff';

export interface InputDeps {
  runtime: TasmotaRuntime;
  faults: DeviceFaults;
  runner: CommandRunner;
  mqtt: TasmotaMqtt;
  output: TasmotaOutput;
  timers: TimerSet;
  /** Running (MQTT needs 'online'; the console also answers while dark, it is a wire). */
  phase(): string;
}

/** Command lines arriving on MQTT, the serial console and HTTP, passed through the device's faults. */
export class TasmotaInputs {
  constructor(private readonly deps: InputDeps) {}

  fromSerial(line: string): void {
    const phase = this.deps.phase();
    if (phase !== 'online' && phase !== 'dark') return;
    this.deps.output.log('CMD', line);
    void this.withFaults(
      'serial',
      () => this.deps.runner.run(line, 'serial'),
      () => this.deps.output.log('RSL', `RESULT = ${GARBAGE_PAYLOAD}`),
    );
  }

  fromMqtt(command: string, payload: string, source: CommandSource): void {
    if (this.deps.phase() !== 'online') return;
    // A payload is one command's data: line breaks in it cannot start another command.
    const line = `${command} ${payload}`.replace(/[\r\n]+/g, ' ');
    void this.withFaults(
      'mqtt',
      () => this.deps.runner.run(line, source),
      () => this.deps.output.publish(statTopic(this.deps.runtime, 'RESULT'), GARBAGE_PAYLOAD),
    );
  }

  /** Runs a line and merges the JSON it produced (the `/cm` reply). HTTP faults are applied by the handler. */
  async collect(line: string, source: CommandSource): Promise<Record<string, unknown>> {
    const sink: ResultSink = [];
    await this.deps.runner.run(line, source, sink);
    return Object.assign({}, ...sink) as Record<string, unknown>;
  }

  private async withFaults(
    channel: 'mqtt' | 'serial',
    run: () => Promise<void>,
    garbage: () => void,
  ): Promise<void> {
    const action = this.deps.faults.replyAction(channel);
    if (action.kind === 'reset') {
      // There is no connection to reset on a serial line; on MQTT the broker then sends the will.
      if (channel === 'mqtt') this.deps.mqtt.resetConnection();
      return;
    }
    if (action.kind === 'hang' || action.kind === 'hang-mid') return;
    if (action.delayMs > 0)
      await new Promise((resolve) => this.deps.timers.later(action.delayMs, () => resolve(undefined)));
    if (action.kind === 'garbage') return garbage();
    await run();
  }
}

import { newCounters } from '../control/device-counters';
import type { DeviceSnapshot } from '../control/device-snapshot';
import type { DeviceFaults } from '../faults/device-faults';
import { type Fault, type FaultInput, normaliseFaults } from '../faults/fault-types';
import { HttpListener } from '../net/http-listener';
import { createTasmotaRequestHandler } from './tasmota-http';
import type { TasmotaIdentity } from './tasmota-identity';
import { TasmotaMqtt } from './tasmota-mqtt';
import { CommandRunner } from './tasmota-runner';
import { type TasmotaRuntime, versionString } from './tasmota-runtime';
import type { SerialConsole } from './tasmota-serial';
import { defaultSettings, resetSettings, type TasmotaSettings } from './tasmota-settings';
import { tasmotaSnapshot } from './tasmota-snapshot';
import { TasmotaOutput } from './tasmota-output';
import { TasmotaInputs } from './tasmota-inputs';
import { TimerSet } from '../util/timer-set';
import type { SimulatedTasmota, TasmotaDeviceOptions } from './tasmota-types';
import { publishOnline, startTelemetry } from './tasmota-announce';
import { runTasmotaUpgrade } from './tasmota-upgrade';

type Phase = 'created' | 'online' | 'dark' | 'rebooting' | 'stopped';

/** One simulated Tasmota device: MQTT, HTTP `/cm` and an optional serial console over one command engine. */
export class TasmotaDevice implements SimulatedTasmota, TasmotaRuntime {
  readonly family = 'tasmota';
  readonly host = '127.0.0.1';
  readonly counters = newCounters();
  settings: TasmotaSettings;
  swVersion: string;
  build: string;
  restartReason = 'Power On';
  bootedAt = new Date();
  generation = 0;
  serialPath: string | undefined;
  private phase: Phase = 'created';
  private boundPort = 0;
  private pending: { version: string; build: string } | undefined;
  private restartWanted = false;
  /** What asked for the pending restart (logged as it happens). */
  private restartCause = '';
  private upgrading = false;
  /** INFO1-3 went out on this boot's first MQTT connect (they never repeat on reconnects). */
  private hasAnnouncedBoot = false;
  private stopTelemetry: () => void = () => undefined;
  private readonly timers = new TimerSet();
  private readonly output: TasmotaOutput;
  private readonly inputs: TasmotaInputs;
  private readonly mqtt: TasmotaMqtt;
  private readonly runner: CommandRunner;
  private readonly listener: HttpListener;

  readonly identity: TasmotaIdentity;
  readonly index: number;
  /** The default topic: stable when `Topic` changes. */
  readonly id: string;
  readonly mac: string;
  readonly module: string;
  readonly chip: string;

  constructor(private readonly options: TasmotaDeviceOptions) {
    const { identity } = options;
    this.identity = identity;
    this.index = identity.index;
    this.id = identity.topic;
    this.mac = identity.mac;
    this.module = identity.model.module;
    this.chip = identity.model.chip;
    this.settings = defaultSettings(identity, options.mqtt);
    this.settings.webPassword = options.webPassword;
    this.swVersion = identity.model.version;
    this.build = identity.model.build;
    this.mqtt = new TasmotaMqtt(this, {
      onCommand: (command, payload, source) => this.inputs.fromMqtt(command, payload, source),
      onConnect: () => {
        const isFirst = !this.hasAnnouncedBoot;
        this.hasAnnouncedBoot = true;
        publishOnline(this, (topic, payload, retain) => this.publish(topic, payload, retain), isFirst);
      },
      onError: () => undefined,
    });
    this.output = new TasmotaOutput(this, this.mqtt);
    this.runner = new CommandRunner(
      {
        runtime: this,
        emit: (r, sink) => this.output.emit(r, sink),
        executed: () => this.executed(),
        idle: () => this.maybeRestart(),
      },
      options.backlogDelayMs,
    );
    this.inputs = new TasmotaInputs({
      runtime: this,
      faults: options.faults,
      runner: this.runner,
      mqtt: this.mqtt,
      output: this.output,
      timers: this.timers,
      phase: () => this.phase,
    });
    this.listener = new HttpListener(
      createTasmotaRequestHandler({
        replyAction: () => options.faults.replyAction('http'),
        webPassword: () => this.settings.webPassword,
        runForHttp: (line) => this.inputs.collect(line, 'http'),
        noteHttpRequest: () => undefined,
      }),
    );
    options.faults.attach(() => this.syncReachability());
  }

  get topic(): string {
    return this.settings.topic;
  }
  get port(): number {
    return this.boundPort;
  }
  get isOnline(): boolean {
    return this.phase === 'online';
  }
  get mqttConnected(): boolean {
    return this.mqtt.isConnected;
  }
  get mqttCount(): number {
    return this.mqtt.connectCount;
  }
  get faults(): readonly Fault[] {
    return this.options.faults.list();
  }
  get deviceFaults(): DeviceFaults {
    return this.options.faults;
  }
  get version(): string {
    return versionString(this);
  }

  uptimeSeconds(): number {
    return this.phase === 'rebooting' ? 0 : Math.floor((Date.now() - this.bootedAt.getTime()) / 1000);
  }

  snapshot(): DeviceSnapshot {
    return tasmotaSnapshot(this);
  }

  setFault(fault: FaultInput): void {
    this.options.faults.set(normaliseFaults(fault));
  }

  attachConsole(console: SerialConsole, appPath: string): void {
    this.output.console = console;
    this.serialPath = appPath;
  }

  /** Called by the serial console for every complete line. */
  fromSerial(line: string): void {
    this.inputs.fromSerial(line);
  }

  command(line: string): Promise<Record<string, unknown>> {
    return this.inputs.collect(line, 'serial');
  }

  async start(): Promise<void> {
    if (this.phase !== 'created') throw new Error(`${this.id}: start() called twice`);
    this.boundPort = await this.listener.listen(this.options.port);
    this.boot('Power On');
  }

  async stop(): Promise<void> {
    if (this.phase === 'stopped') return;
    this.phase = 'stopped';
    this.generation += 1;
    this.timers.clear();
    this.stopTelemetry();
    this.runner.cancel();
    this.options.faults.dispose();
    await Promise.all([
      this.mqtt.disconnect('graceful'),
      this.listener.close(),
      this.output.console?.close(),
    ]);
  }

  // --- TasmotaRuntime hooks used by commands -------------------------------------------------------

  scheduleRestart(reason: string): void {
    this.restartWanted = true;
    this.restartCause = reason;
    if (!this.runner.isBusy) this.maybeRestart();
  }

  configWritten(): void {
    this.counters.configWrites += 1;
    this.settings.saveCount += 1;
  }

  factoryReset(level: number): void {
    this.counters.resets += 1;
    this.settings = resetSettings(this.settings, level, this.identity, this.options.mqtt);
    this.settings.webPassword = this.options.webPassword;
    this.scheduleRestart('Reset');
  }

  startUpgrade(url: string): boolean {
    if (this.upgrading) return false;
    this.upgrading = true;
    const host = {
      identity: this.identity,
      faults: this.options.faults,
      counters: this.counters,
      build: this.build,
      generation: this.generation,
      upgradeResult: (text: string) =>
        this.output.emit([{ command: 'Upgrade', topic: 'UPGRADE', payload: { Upgrade: text } }], undefined),
      setPending: (version: string, build: string) => (this.pending = { version, build }),
      scheduleRestart: (reason: string) => this.scheduleRestart(reason),
      isStill: (generation: number) => generation === this.generation,
    };
    // runTasmotaUpgrade reports every failure as an UPGRADE message; it does not reject.
    const timing = { downloadTimeoutMs: this.options.downloadTimeoutMs, retryMs: this.options.otaRetryMs };
    void runTasmotaUpgrade(host, url, timing).finally(() => (this.upgrading = false));
    return true;
  }

  // --- internals -------------------------------------------------------------------------------------

  log(tag: string, text: string): void {
    this.output.log(tag, text);
  }

  publish(topic: string, payload: string, retain = false): void {
    this.output.publish(topic, payload, retain);
  }

  private executed(): void {
    this.counters.commands += 1;
    // Let the reply reach the broker before a `drop` can cut the connection.
    this.timers.later(10, () => this.options.faults.noteCommand());
  }

  private maybeRestart(): void {
    if (!this.restartWanted || this.phase === 'rebooting' || this.phase === 'stopped') return;
    this.restartWanted = false;
    this.timers.later(this.options.restartDelayMs, () => void this.restart());
  }

  private async restart(): Promise<void> {
    if (this.phase === 'rebooting' || this.phase === 'stopped') return;
    this.counters.reboots += 1;
    this.log('APP', `Restarting (${this.restartCause})`);
    this.phase = 'rebooting';
    this.generation += 1;
    this.runner.cancel();
    this.stopTelemetry();
    const generation = this.generation;
    await Promise.all([this.mqtt.disconnect('graceful'), this.listener.close()]);
    this.timers.later(this.options.faults.bootTimeMs(this.options.bootTimeMs), () => {
      if (generation === this.generation) void this.bootAgain();
    });
  }

  private async bootAgain(): Promise<void> {
    try {
      await this.listener.listen(this.boundPort);
    } catch (error) {
      this.options.onError(new Error(`${this.id}: cannot listen on ${this.boundPort}: ${String(error)}`));
    }
    this.boot('Software/System restart');
  }

  private boot(reason: string): void {
    this.bootedAt = new Date();
    this.restartReason = reason;
    this.settings.bootCount += 1;
    this.hasAnnouncedBoot = false;
    // Every boot but a deep-sleep wake turns native discovery back on (xdrv_12_discovery.ino TasDiscoverInit).
    this.settings.setOptions[19] = 0;
    if (this.pending !== undefined) {
      if (this.options.faults.has('silent-rollback')) this.counters.rollbacks += 1;
      else ({ version: this.swVersion, build: this.build } = this.pending);
      this.pending = undefined;
    }
    this.log('HDW', this.identity.model.hardware);
    this.log('CFG', `Loaded from flash at F9, Count ${this.settings.saveCount}`);
    this.phase = 'online';
    this.generation += 1;
    this.stopTelemetry = startTelemetry(this, this.options.teleIntervalMs, (t, p) => this.publish(t, p));
    this.syncReachability();
  }

  private syncReachability(): void {
    if (this.phase !== 'online' && this.phase !== 'dark') return;
    if (this.options.faults.reachability() === 'refuse') {
      if (this.phase === 'dark') return;
      this.phase = 'dark';
      void this.mqtt.disconnect('abrupt');
      void this.listener.close();
      return;
    }
    if (this.phase === 'dark') {
      this.phase = 'online';
      this.listener
        .listen(this.boundPort)
        .catch((error: unknown) => this.options.onError(new Error(String(error))));
    }
    this.mqtt.connect();
  }
}

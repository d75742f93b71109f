import type { Fault, FaultKind } from './fault-types';

/** What a transport does with one request/command, decided once per request. */
export type ReplyAction =
  | { kind: 'answer'; delayMs: number }
  | { kind: 'garbage'; delayMs: number }
  | { kind: 'http-500'; delayMs: number }
  | { kind: 'reset' }
  | { kind: 'hang' }
  | { kind: 'hang-mid' };

/** `refuse`: no listener, no MQTT session. `silent`: reachable but deaf. `online`: normal. */
export type Reachability = 'online' | 'refuse' | 'silent';

export type FaultChannel = 'http' | 'ws' | 'mqtt' | 'serial';

type FaultOf<K extends FaultKind> = Extract<Fault, { kind: K }>;

/**
 * The faults active on one device and every decision derived from them. Random decisions (flaky, slow)
 * draw from the device's own seeded stream, so a run with the same seed and request order repeats.
 * `onChange` fires when reachability or advertisement may have changed (set, drop start, drop end).
 */
export class DeviceFaults {
  private faults: Fault[] = [];
  private commands = 0;
  private dropFired = false;
  private dropped = false;
  private readonly timers = new Set<NodeJS.Timeout>();
  private onChange: () => void = () => undefined;

  constructor(
    private readonly random: () => number,
    initial: readonly Fault[] = [],
  ) {
    this.faults = [...initial];
  }

  /** Registers the device's reaction to reachability changes and arms time-based drops. */
  attach(onChange: () => void): void {
    this.onChange = onChange;
    this.armTimedDrop();
  }

  set(faults: readonly Fault[]): void {
    this.clearTimers();
    this.faults = [...faults];
    this.commands = 0;
    this.dropFired = false;
    this.dropped = false;
    this.armTimedDrop();
    this.onChange();
  }

  list(): readonly Fault[] {
    return this.faults;
  }

  find<K extends FaultKind>(kind: K): FaultOf<K> | undefined {
    return this.faults.find((fault): fault is FaultOf<K> => fault.kind === kind);
  }

  has(kind: FaultKind): boolean {
    return this.find(kind) !== undefined;
  }

  reachability(): Reachability {
    if (this.dropped) return 'refuse';
    const offline = this.find('offline');
    if (offline?.mode === 'refuse') return 'refuse';
    if (offline?.mode === 'silent') return 'silent';
    return 'online';
  }

  isAdvertised(): boolean {
    return this.reachability() === 'online' && this.find('offline')?.mode !== 'unadvertised';
  }

  /** Boot time for the next boot: `long-reboot` wins over the fleet default. */
  bootTimeMs(defaultMs: number): number {
    return this.find('long-reboot')?.bootMs ?? defaultMs;
  }

  /** Counts one received command; may start a `drop`. */
  noteCommand(): void {
    this.commands += 1;
    const drop = this.find('drop');
    if (drop?.afterCommands !== undefined && this.commands >= drop.afterCommands) this.startDrop(drop.forMs);
  }

  replyAction(channel: FaultChannel): ReplyAction {
    if (this.reachability() === 'silent') return { kind: 'hang' };
    const hang = this.find('hang');
    if (hang !== undefined) return { kind: hang.mode === 'mid' && channel === 'http' ? 'hang-mid' : 'hang' };
    const flaky = this.find('flaky');
    if (flaky !== undefined && this.random() < flaky.probability) return { kind: 'reset' };
    const delayMs = this.latencyMs();
    if (this.has('garbage')) return { kind: 'garbage', delayMs };
    if (this.has('http-500') && channel === 'http') return { kind: 'http-500', delayMs };
    return { kind: 'answer', delayMs };
  }

  dispose(): void {
    this.clearTimers();
  }

  private latencyMs(): number {
    const slow = this.find('slow');
    if (slow === undefined) return 0;
    return Math.round(slow.minMs + this.random() * (slow.maxMs - slow.minMs));
  }

  private armTimedDrop(): void {
    const drop = this.find('drop');
    if (drop?.afterMs === undefined) return;
    this.later(drop.afterMs, () => this.startDrop(drop.forMs));
  }

  private startDrop(forMs: number): void {
    if (this.dropFired) return;
    this.dropFired = true;
    this.dropped = true;
    this.onChange();
    this.later(forMs, () => {
      this.dropped = false;
      this.onChange();
    });
  }

  private later(ms: number, fn: () => void): void {
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      fn();
    }, ms);
    this.timers.add(timer);
  }

  private clearTimers(): void {
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
  }
}

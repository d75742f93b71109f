import { setTimeout as sleep } from 'node:timers/promises';
import { backlogEntries, executeCommand, isBacklog, parseCommandLine } from './commands/command-engine';
import type { CommandResponse, CommandSource } from './commands/command-types';
import type { TasmotaRuntime } from './tasmota-runtime';

export type ResultSink = Array<Record<string, unknown>>;

export interface RunnerHost {
  readonly runtime: TasmotaRuntime;
  /** Publishes/logs the responses of one command (and adds JSON ones to the sink, for /cm). */
  emit(responses: CommandResponse[], sink: ResultSink | undefined): void;
  /** After each executed command: counters and `drop` faults. */
  executed(): void;
  /** Called when the runner is idle again (a pending restart may go ahead). */
  idle(): void;
}

/**
 * Executes command lines; `Backlog` runs its commands one after another, `backlogDelayMs` apart
 * (`Backlog0`: no delay). A new Backlog is appended to the queue; a bare `Backlog` clears it.
 */
export class CommandRunner {
  private queue: Array<{ line: string; source: CommandSource; sink?: ResultSink }> = [];
  private draining: Promise<void> | undefined;
  private generation = 0;

  constructor(
    private readonly host: RunnerHost,
    private readonly backlogDelayMs: number,
  ) {}

  get isBusy(): boolean {
    return this.draining !== undefined;
  }

  /** Resolves when the line (and, for Backlog, every queued command) has been executed. */
  async run(line: string, source: CommandSource, sink?: ResultSink): Promise<void> {
    const command = parseCommandLine(line, source);
    if (command === undefined) return;
    if (!isBacklog(command)) {
      this.host.emit(executeCommand(this.host.runtime, command), sink);
      this.host.executed();
      if (!this.isBusy) this.host.idle();
      return;
    }
    const entries = backlogEntries(command.data);
    if (command.data.trim() === '') {
      const wasBusy = this.queue.length > 0;
      this.cancel();
      this.host.emit([{ command: 'Backlog', payload: { Backlog: wasBusy ? 'Aborted' : 'Empty' } }], sink);
      return;
    }
    this.queue.push(...entries.map((entry) => ({ line: entry, source, sink })));
    this.draining ??= this.drain(command.index === 0 ? 0 : this.backlogDelayMs, this.generation);
    await this.draining;
  }

  /** Drops whatever is still queued (restart). */
  cancel(): void {
    this.queue = [];
    this.generation += 1;
  }

  private async drain(delayMs: number, generation: number): Promise<void> {
    // Yield first, so `draining` is assigned before the loop can finish and clear it.
    await Promise.resolve();
    try {
      for (let next = this.queue.shift(); next !== undefined; next = this.queue.shift()) {
        const command = parseCommandLine(next.line, next.source);
        if (command !== undefined && !isBacklog(command)) {
          this.host.emit(executeCommand(this.host.runtime, command), next.sink);
          this.host.executed();
        }
        if (this.queue.length > 0 && delayMs > 0) await sleep(delayMs);
        if (generation !== this.generation) return;
      }
    } finally {
      this.draining = undefined;
      if (generation === this.generation) this.host.idle();
    }
  }
}

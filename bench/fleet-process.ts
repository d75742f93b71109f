import type { ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import type { FleetDevice, FleetMessage, FleetRequest, FleetState } from './fleet-protocol';
import { exited, spawnTs } from './ts-child';

/**
 * A simulated Shelly fleet in its own process (fleet-child.ts), so device-side work never shares the app's
 * event loop, with the first-call probe and the devices' final state for the crash-resume benchmark.
 */
export class FleetProcess {
  private readonly waiting = new Map<FleetMessage['type'], (message: FleetMessage) => void>();
  /** Every simulated device, as listed when the fleet was ready. */
  devices: FleetDevice[] = [];

  private constructor(private readonly child: ChildProcess) {
    createInterface({ input: child.stdout! }).on('line', (line) => {
      const message = JSON.parse(line) as FleetMessage;
      const resolve = this.waiting.get(message.type);
      this.waiting.delete(message.type);
      resolve?.(message);
    });
  }

  static async start(options: { count: number; bootMs: number; seed: number }): Promise<FleetProcess> {
    const child = spawnTs('bench/fleet-child.ts', [JSON.stringify(options)], {
      stdio: ['pipe', 'pipe', 'inherit'],
    });
    const fleet = new FleetProcess(child);
    const ready = await new Promise<FleetMessage>((resolve, reject) => {
      const onExit = (code: number | null) => reject(new Error(`the simulated fleet exited with ${code}`));
      child.once('exit', onExit);
      void fleet.next('ready').then((message) => {
        child.off('exit', onExit);
        resolve(message);
      });
    });
    fleet.devices = (ready as { devices: FleetDevice[] }).devices;
    return fleet;
  }

  /**
   * Arms the probe. `firstCall` resolves with the wall-clock time of the next RPC command any device receives
   * (never, if none comes: callers race it against their own deadline). Wrapped in an object because an async
   * function cannot return a promise without waiting for it.
   */
  async armFirstCall(): Promise<{ firstCall: Promise<number> }> {
    const firstCall = this.next('first-call').then((m) => (m as { at: number }).at);
    await this.ask({ op: 'arm' }, 'armed');
    return { firstCall };
  }

  async state(): Promise<FleetState[]> {
    const message = await this.ask({ op: 'state' }, 'state');
    return (message as { devices: FleetState[] }).devices;
  }

  async stop(): Promise<void> {
    const done = exited(this.child);
    this.child.stdin!.end();
    await done;
  }

  private next(type: FleetMessage['type']): Promise<FleetMessage> {
    return new Promise((resolve) => this.waiting.set(type, resolve));
  }

  private ask(request: FleetRequest, reply: FleetMessage['type']): Promise<FleetMessage> {
    const answered = this.next(reply);
    this.child.stdin!.write(JSON.stringify(request) + '\n');
    return answered;
  }
}

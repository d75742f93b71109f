import { setMaxListeners } from 'node:events';
import type { DeviceId } from '../../../shared/domain/device';
import { CancelRequested } from './step-runner';

/**
 * The device tasks of one run, and which of them have a step on the device right now. A cancel never cuts
 * off such a step (a reboot under way, an image being flashed): aborting it would call "canceled" a device
 * that is restarting anyway. The step runs to its verified end, bounded by the step timeout, and the device
 * stops before its next step (`DeviceRunner.runSteps`). Work not yet sent (a stagger wait, a crash
 * re-verification that only reads) is aborted at once.
 */
export class InFlightTasks {
  private readonly controllers = new Map<DeviceId, AbortController>();
  private readonly onDevice = new Set<DeviceId>();
  private readonly stopAfterStep = new Set<DeviceId>();
  private shuttingDown = false;

  /** This process stopped working on the run (`shutDown`): nothing new starts, nothing is canceled. */
  get isShuttingDown(): boolean {
    return this.shuttingDown;
  }

  get size(): number {
    return this.controllers.size;
  }

  has(id: DeviceId): boolean {
    return this.controllers.has(id);
  }

  ids(): IterableIterator<DeviceId> {
    return this.controllers.keys();
  }

  add(id: DeviceId): AbortController {
    const controller = new AbortController();
    // Steps in flight listen on the signal (sleeps, requests): expected, not a leak.
    setMaxListeners(64, controller.signal);
    this.controllers.set(id, controller);
    return controller;
  }

  /** The task ended; true when it had been canceled while its step was on the device. */
  remove(id: DeviceId): boolean {
    this.controllers.delete(id);
    this.onDevice.delete(id);
    return this.stopAfterStep.delete(id);
  }

  stepSent(id: DeviceId, isOnDevice: boolean): void {
    if (isOnDevice) this.onDevice.add(id);
    else this.onDevice.delete(id);
  }

  isStopAsked(id: DeviceId): boolean {
    return this.stopAfterStep.has(id);
  }

  /** Cancels one task: at once unless its step is on the device, which then finishes first. */
  stop(id: DeviceId, why: string): void {
    if (this.onDevice.has(id)) this.stopAfterStep.add(id);
    else this.controllers.get(id)?.abort(new CancelRequested(why));
  }

  /** Aborts every task whatever it is doing (the process is stopping: the journal recovers them). */
  shutDown(reason: Error): void {
    this.shuttingDown = true;
    for (const controller of this.controllers.values()) controller.abort(reason);
  }
}

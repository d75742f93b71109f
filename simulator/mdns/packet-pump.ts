import { setTimeout as sleep } from 'node:timers/promises';

/**
 * Sends queued datagrams one at a time with a short gap, so a burst (a browse answer or the boot
 * announcements of 1,000 devices, tens of 9 KB packets) does not overflow receivers' socket buffers.
 */
export class PacketPump<T> {
  private readonly queue: T[] = [];
  private draining: Promise<void> | undefined;

  constructor(
    private readonly send: (item: T) => Promise<void>,
    private readonly gapMs = 1,
  ) {}

  push(item: T): void {
    this.queue.push(item);
    this.draining ??= this.drain();
  }

  /** Resolves once everything queued so far (and anything queued meanwhile) has been sent. */
  async idle(): Promise<void> {
    while (this.draining !== undefined) await this.draining;
  }

  private async drain(): Promise<void> {
    for (let item = this.queue.shift(); item !== undefined; item = this.queue.shift()) {
      await this.send(item);
      if (this.queue.length > 0) await sleep(this.gapMs);
    }
    this.draining = undefined;
  }
}

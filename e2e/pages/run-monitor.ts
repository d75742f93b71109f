import type { Locator, Page } from '@playwright/test';

/** The runs of the Jobs screen: the run history and the monitor of the run open in it (no assertions here). */
export class RunMonitor {
  readonly root: Locator;

  constructor(readonly page: Page) {
    this.root = page.getByTestId('job-monitor');
  }

  async open(): Promise<void> {
    await this.page.getByRole('navigation', { name: 'Views' }).getByRole('button', { name: 'Jobs' }).click();
  }

  /** The open run's id (`root` also carries `data-job-state`: scheduled, running, paused, …, completed). */
  async jobId(): Promise<string> {
    return (await this.root.getAttribute('data-job-id'))!;
  }

  /** Shown while paused; `data-pause-reason` is user, wave-gate, abort-threshold, crash or needs-decision. */
  pauseReason(): Locator {
    return this.root.locator('[data-pause-reason]');
  }

  /** "succeeded: 6" and so on, one per state with devices in it, in the states' order. */
  counts(): Locator {
    return this.root.getByTestId('job-counts').locator('[data-count-state]');
  }

  /** "6/8 finished" */
  finished(): Locator {
    return this.root.getByTestId('run-finished');
  }

  /** The waves with `data-wave-state` pending, open, gated or done. */
  wave(index: number): Locator {
    return this.root.getByRole('region', { name: 'Waves' }).locator(`li[data-wave="${index}"]`);
  }

  /** "Retry of <run>", on a retry run. */
  retryOf(): Locator {
    return this.root.locator('p').filter({ hasText: /^Retry of/ });
  }

  /** A device's row; `data-state` is its execution state. */
  execution(deviceId: string): Locator {
    return this.root.locator(`tr[data-execution-device="${deviceId}"]`);
  }

  executions(): Locator {
    return this.root.getByRole('table', { name: 'Device executions' }).locator('tbody tr');
  }

  async filterByState(state: string): Promise<void> {
    await this.root.getByLabel('State filter').selectOption(state);
  }

  log(): Locator {
    return this.root.getByRole('list', { name: 'Job log' }).getByRole('listitem');
  }

  /** A control of the run: Pause, Resume, Next wave, Cancel job, Retry failed. */
  control(name: 'Pause' | 'Resume' | 'Next wave' | 'Cancel job' | 'Retry failed'): Locator {
    return this.root.getByRole('group', { name: 'Job controls' }).getByRole('button', { name, exact: true });
  }

  async resume(): Promise<void> {
    await this.control('Resume').click();
  }

  /** Hold, release or cancel one device from its row. */
  deviceControl(deviceId: string, action: 'Hold' | 'Release' | 'Cancel'): Locator {
    return this.execution(deviceId).getByRole('button', { name: new RegExp(`^${action} `) });
  }

  /** The question "Cancel job" asks before it cancels. */
  cancelConfirm(): Locator {
    return this.root.getByRole('group', { name: 'Confirm cancel' });
  }

  /** Cancels the job after its confirmation. */
  async cancelJob(): Promise<void> {
    await this.control('Cancel job').click();
    await this.cancelConfirm().getByRole('button', { name: 'Cancel job' }).click();
  }

  /** The retry's own dry run, opened by "Retry failed". */
  retryDialog(): Locator {
    return this.root.getByRole('region', { name: 'Retry failed devices' });
  }

  /** Starts a new run over the failed devices with the old policy; the monitor then shows that run. */
  async retryFailed(): Promise<void> {
    await this.control('Retry failed').click();
    const start = this.retryDialog().getByRole('button', { name: 'Start retry' });
    await start.click();
  }

  /** The Jobs screen's run history, newest first; `data-job-id` and `data-job-state` on each entry. */
  historyEntries(): Locator {
    return this.page.getByRole('list', { name: 'Run history' }).locator('li[data-job-id]');
  }

  historyEntry(jobId: string): Locator {
    return this.page.getByRole('list', { name: 'Run history' }).locator(`li[data-job-id="${jobId}"]`);
  }

  /** "6/8 succeeded · 2 failed" */
  historyOutcome(jobId: string): Locator {
    return this.historyEntry(jobId).getByTestId('run-outcome');
  }

  async openRun(jobId: string): Promise<void> {
    await this.historyEntry(jobId).getByRole('button').first().click();
  }
}

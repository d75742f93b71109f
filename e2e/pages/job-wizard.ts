import type { Locator, Page } from '@playwright/test';

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The policy settings a spec sets in the wizard; anything left out keeps the prefilled default. */
export interface WizardPolicy {
  concurrency?: number;
  retries?: number;
  canaryCount?: number;
  waveSizes?: readonly number[];
  gateSuccessPercent?: number;
  gateAdvance?: 'auto' | 'manual';
  abort?: { failurePercent: number; minExecuted: number; action: 'pause' | 'cancel' };
}

/** The new-job wizard of the Jobs screen (targets → steps → policy → dry run → start): no assertions here. */
export class JobWizard {
  readonly root: Locator;

  constructor(readonly page: Page) {
    this.root = page.getByRole('region', { name: 'New job', exact: true });
  }

  /** Opens the Jobs screen and starts a new job. */
  async open(): Promise<void> {
    await this.page.getByRole('navigation', { name: 'Views' }).getByRole('button', { name: 'Jobs' }).click();
    await this.page.getByRole('button', { name: 'New job', exact: true }).click();
  }

  /** The wizard page shown now: "Targets", "Steps", "Policy" or "Dry run". */
  currentPage(): Locator {
    return this.root.getByRole('list', { name: 'Wizard pages' }).locator('li[aria-current="step"]');
  }

  async next(): Promise<void> {
    await this.button('Next').click();
  }

  async back(): Promise<void> {
    await this.button('Back').click();
  }

  async setName(name: string): Promise<void> {
    await this.root.getByLabel('Job name', { exact: true }).fill(name);
  }

  /** Ticks a group among the targets (its label reads "<name> (<kind>, <n> devices now)"). */
  async chooseGroup(name: string): Promise<void> {
    await this.groupChoice(name).check();
  }

  groupChoice(name: string): Locator {
    return this.root.getByRole('checkbox', { name: new RegExp(`^${escapeRegExp(name)} \\(`) });
  }

  /** Adds a step by its action (`firmware-update`, `reboot`, …). */
  async addStep(action: string): Promise<void> {
    await this.root.getByLabel('Step to add').selectOption(action);
    await this.button('Add step').click();
  }

  /** Ticks a library image for the firmware step, by its file name. */
  async chooseImage(fileName: string): Promise<void> {
    await this.root.locator('label.radio-row').filter({ hasText: fileName }).getByRole('checkbox').check();
  }

  /** Ticks "Tasmota commands" (and no Shelly settings) on a config-change step and fills its last command row. */
  async addTasmotaCommand(command: string, value: string): Promise<void> {
    await this.root.getByRole('checkbox', { name: 'Shelly settings', exact: true }).uncheck();
    await this.root.getByRole('checkbox', { name: 'Tasmota commands', exact: true }).check();
    await this.root.getByLabel('Command name', { exact: true }).last().fill(command);
    await this.root.getByLabel('Value', { exact: true }).last().fill(value);
  }

  async setPolicy(policy: WizardPolicy): Promise<void> {
    if (policy.concurrency !== undefined) await this.fill('Concurrency', policy.concurrency);
    if (policy.retries !== undefined) await this.fill('Retries', policy.retries);
    if (policy.canaryCount !== undefined) {
      await this.root.getByLabel('Canary', { exact: true }).selectOption('count');
      await this.fill('Canary devices', policy.canaryCount);
    }
    if (policy.waveSizes !== undefined) {
      await this.root.getByLabel('Waves', { exact: true }).selectOption('sizes');
      await this.root.getByLabel('Wave sizes', { exact: true }).fill(policy.waveSizes.join(', '));
    }
    if (policy.gateSuccessPercent !== undefined) {
      await this.fill('Wave gate: success (%)', policy.gateSuccessPercent);
    }
    if (policy.gateAdvance !== undefined) {
      await this.root.getByLabel('Next wave starts', { exact: true }).selectOption(policy.gateAdvance);
    }
    if (policy.abort !== undefined) {
      await this.root.getByRole('checkbox', { name: 'Stop the job when too many devices fail' }).check();
      await this.fill('Failure limit (%)', policy.abort.failurePercent);
      await this.fill('Judge after (devices)', policy.abort.minExecuted);
      await this.root.getByLabel('Then', { exact: true }).selectOption(policy.abort.action);
    }
  }

  async dryRun(): Promise<void> {
    await this.button('Dry run').click();
  }

  /** "8 devices will run, 0 skipped." */
  planSummary(): Locator {
    return this.root.getByTestId('plan-summary');
  }

  /** One item per wave: "Canary: 1 device", "Wave 1: 3 devices", … */
  planWaves(): Locator {
    return this.root.getByRole('list', { name: 'Waves' }).getByRole('listitem');
  }

  firmwareServerVerdict(): Locator {
    return this.root.getByTestId('firmware-server-verdict');
  }

  /** The dry run's device rows, in job order (the order the engine starts them in). */
  planRows(): Locator {
    return this.root.getByRole('table', { name: 'Dry run devices' }).locator('tbody tr[data-plan-device]');
  }

  planRow(deviceId: string): Locator {
    return this.root.locator(`tr[data-plan-device="${deviceId}"]`);
  }

  /** Device ids the dry run put in a wave ("Canary", "Wave 1", …), in job order. */
  async devicesInWave(label: string): Promise<string[]> {
    const rows = await this.planRows().all();
    const ids: string[] = [];
    for (const row of rows) {
      const wave = (await row.getByRole('cell').nth(4).textContent())?.trim();
      if (wave === label) ids.push((await row.getAttribute('data-plan-device'))!);
    }
    return ids;
  }

  /** Loads a saved template (its targets, steps and policy) into the wizard. */
  async startFromTemplate(templateLabel: string): Promise<void> {
    await this.root.getByLabel('Start from template').selectOption({ label: templateLabel });
    await this.button('Load template').click();
  }

  async saveAsTemplate(name: string, note = ''): Promise<void> {
    await this.button('Save as template').click();
    const form = this.root.getByRole('form', { name: 'Save as template' });
    await form.getByLabel('Template name', { exact: true }).fill(name);
    await form.getByLabel('Note', { exact: true }).fill(note);
    await form.getByRole('button', { name: 'Save template' }).click();
  }

  /** What the loaded template uses that is missing or different here, one item each. */
  templateProblems(): Locator {
    return this.root.getByRole('alert', { name: 'Template references' }).getByRole('listitem');
  }

  /** What the last template save said ("Saved as template “…”, version 1."). */
  templateStatus(): Locator {
    return this.root.locator('.template-bar').getByRole('status');
  }

  startDialog(): Locator {
    return this.root.getByRole('dialog', { name: /^Start “/ });
  }

  /** Start, then the explicit confirmation; the wizard gives way to the run's monitor. */
  async start(): Promise<void> {
    await this.button('Start').click();
    await this.startDialog().getByRole('button', { name: 'Confirm start' }).click();
  }

  private button(name: string): Locator {
    return this.root.getByRole('button', { name, exact: true });
  }

  private async fill(label: string, value: number): Promise<void> {
    await this.root.getByLabel(label, { exact: true }).fill(String(value));
  }
}

import type { Locator, Page } from '@playwright/test';

/** The Sync view: target cards, "Sync now", the target form. */
export class SyncScreen {
  constructor(readonly page: Page) {}

  async open(): Promise<void> {
    await this.page.getByRole('navigation', { name: 'Views' }).getByRole('button', { name: 'Sync' }).click();
  }

  card(name: string): Locator {
    return this.page.getByRole('article', { name });
  }

  state(name: string): Locator {
    return this.card(name).getByTestId('sync-state');
  }

  pending(name: string): Locator {
    return this.card(name).getByTestId('sync-pending');
  }

  lastError(name: string): Locator {
    return this.card(name).getByTestId('sync-last-error');
  }

  indicator(): Locator {
    return this.page.getByTestId('sync-indicator');
  }

  /** The add form, opened if it is not yet. */
  async newTargetForm(): Promise<Locator> {
    const form = this.page.getByRole('form', { name: 'New sync target' });
    if (!(await form.isVisible())) await this.page.getByRole('button', { name: 'Add sync target' }).click();
    return form;
  }

  /** The add form's line saying how many results a new target receives. */
  newTargetReceives(): Locator {
    return this.page.getByTestId('sync-new-target-receives');
  }

  async addMqttTarget(target: { name: string; url: string; topicPrefix: string }): Promise<void> {
    const form = await this.newTargetForm();
    await form.getByLabel('Kind').selectOption({ label: 'MQTT broker' });
    await form.getByLabel('Name', { exact: true }).fill(target.name);
    await form.getByLabel('Broker URL').fill(target.url);
    await form.getByLabel('Topic prefix').fill(target.topicPrefix);
    await form.getByRole('button', { name: 'Save target' }).click();
  }

  async addHttpsTarget(target: { name: string; url: string; token: string; caPem: string }): Promise<void> {
    await this.page.getByRole('button', { name: 'Add sync target' }).click();
    const form = this.page.getByRole('form', { name: 'New sync target' });
    await form.getByLabel('Kind').selectOption({ label: 'HTTPS web service' });
    await form.getByLabel('Name', { exact: true }).fill(target.name);
    await form.getByLabel('URL', { exact: true }).fill(target.url);
    await form.getByLabel('Token').fill(target.token);
    await form.getByLabel('CA certificate (PEM)').fill(target.caPem);
    await form.getByRole('button', { name: 'Save target' }).click();
  }

  async addHawkbitTarget(target: {
    name: string;
    url: string;
    username: string;
    password: string;
    caPem: string;
  }): Promise<void> {
    await this.page.getByRole('button', { name: 'Add sync target' }).click();
    const form = this.page.getByRole('form', { name: 'New sync target' });
    await form.getByLabel('Kind').selectOption({ label: 'Eclipse hawkBit' });
    await form.getByLabel('Name', { exact: true }).fill(target.name);
    await form.getByLabel('hawkBit server URL').fill(target.url);
    await form.getByLabel('Username').fill(target.username);
    await form.getByLabel('Password').fill(target.password);
    await form.getByLabel('CA certificate (PEM)').fill(target.caPem);
    await form.getByRole('button', { name: 'Save target' }).click();
  }

  async syncNow(): Promise<void> {
    await this.page.getByRole('button', { name: 'Sync now' }).click();
  }
}

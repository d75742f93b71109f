import { act, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { CredentialSet, CredentialSetSave } from '../../../../shared/domain/credentials';
import { ok } from '../../../../shared/ipc/result';
import { setTransport } from '../../api/client';
import { devicesLoaded } from '../../stores/devices-store';
import { selectionReplaced } from '../../stores/selection-store';
import { FakeTransport } from '../../../../test-support/renderer/fake-transport';
import { device } from '../../../../test-support/renderer/fixtures';
import { resetAll } from '../../../../test-support/renderer/reset-stores';
import { CredentialsPanel } from './credentials-panel';
import { showCredentials } from './credential-intents';

afterEach(resetAll);

const CANARY = 'canary-Pa55word!';

/** A main-like fake: keeps sets, never returns a password. */
function setup(initial: CredentialSet[] = []) {
  let sets = [...initial];
  let counter = 0;
  const transport = new FakeTransport({
    'credentials.list': () => ok(sets),
    'credentials.save': (input) => {
      const save = input as CredentialSetSave;
      const existing = sets.find((s) => s.id === save.id);
      const set: CredentialSet = {
        id: (save.id ?? `cred_new0000${++counter}`) as CredentialSet['id'],
        name: save.name,
        username: save.username,
        siteDefault: save.siteDefault,
        deviceCount: existing?.deviceCount ?? 0,
        createdAt: 1,
        updatedAt: 2,
      };
      sets = [
        ...sets
          .filter((s) => s.id !== set.id)
          .map((s) => (set.siteDefault ? { ...s, siteDefault: false } : s)),
        set,
      ];
      return ok(set);
    },
    'credentials.delete': (input) => {
      sets = sets.filter((s) => s.id !== (input as { id: string }).id);
      return ok({ deleted: true });
    },
    'credentials.assign': (input) => {
      const { deviceIds, credentialSetId } = input as { deviceIds: string[]; credentialSetId: string | null };
      sets = sets.map((s) =>
        s.id === credentialSetId ? { ...s, deviceCount: s.deviceCount + deviceIds.length } : s,
      );
      return ok({ assigned: deviceIds.length });
    },
  });
  setTransport(transport);
  render(<CredentialsPanel />);
  return transport;
}

const siteSet: CredentialSet = {
  id: 'cred_site00001' as CredentialSet['id'],
  name: 'Site login',
  username: 'admin',
  siteDefault: true,
  deviceCount: 2,
  createdAt: 1,
  updatedAt: 1,
};

const fill = (scope: HTMLElement, label: string, value: string) =>
  fireEvent.change(within(scope).getByLabelText(label), { target: { value } });

describe('credential sets', () => {
  it('lists name, user, site default and device count', async () => {
    setup([siteSet]);
    await act(() => showCredentials());
    const row = screen.getByRole('table', { name: 'Credential sets' }).querySelector('tbody tr')!;
    expect([...row.querySelectorAll('td')].slice(0, 5).map((td) => td.textContent)).toEqual([
      'Site login',
      'admin',
      'stored',
      'yes',
      '2',
    ]);
  });

  it('creates a set: the password is sent once and never shown again, not even in the edit form', async () => {
    const transport = setup();
    await act(() => showCredentials());
    fireEvent.click(screen.getByRole('button', { name: 'New credential set' }));
    const form = screen.getByRole('form', { name: 'New credential set' });
    fill(form, 'Name', 'Roof devices');
    fill(form, 'Password', CANARY);
    await act(async () => fireEvent.click(within(form).getByRole('button', { name: 'Create set' })));
    expect(transport.invoked.find((c) => c.name === 'credentials.save')!.input).toEqual({
      name: 'Roof devices',
      username: 'admin',
      password: CANARY,
      siteDefault: false,
    });
    expect(screen.queryByRole('form', { name: 'New credential set' })).toBeNull();
    expect(screen.getByRole('table', { name: 'Credential sets' }).textContent).toContain('Roof devices');
    expect(document.body.innerHTML).not.toContain(CANARY);

    fireEvent.click(screen.getByRole('button', { name: 'Edit Roof devices' }));
    const edit = screen.getByRole('form', { name: 'Edit Roof devices' });
    expect((within(edit).getByLabelText('Password') as HTMLInputElement).value).toBe('');
    expect(within(edit).getByLabelText('Password').getAttribute('type')).toBe('password');
    expect(within(edit).getByTestId('password-stored').textContent).toContain('A password is stored');
    expect(document.body.innerHTML).not.toContain(CANARY);

    // An edit without a new password keeps the stored one: no password field in the request.
    fill(edit, 'User', 'tech');
    await act(async () => fireEvent.click(within(edit).getByRole('button', { name: 'Save changes' })));
    expect(transport.invoked.filter((c) => c.name === 'credentials.save').at(-1)!.input).toEqual({
      id: 'cred_new00001',
      name: 'Roof devices',
      username: 'tech',
      siteDefault: false,
    });
  });

  it('shows the schema messages and sends nothing while the form is invalid', () => {
    const transport = setup();
    fireEvent.click(screen.getByRole('button', { name: 'New credential set' }));
    const form = screen.getByRole('form', { name: 'New credential set' });
    fill(form, 'User', '   ');
    fireEvent.click(within(form).getByRole('button', { name: 'Create set' }));
    expect(within(form).getByText('a new credential set needs a password')).toBeTruthy();
    fill(form, 'Password', 'x');
    fireEvent.click(within(form).getByRole('button', { name: 'Create set' }));
    const name = within(form).getByLabelText('Name');
    expect(document.getElementById(name.getAttribute('aria-describedby')!)!.textContent).toBe(
      'This cannot be empty: type something.',
    );
    expect(within(form).getAllByText('This cannot be empty: type something.')).toHaveLength(2);
    expect(transport.invoked.filter((c) => c.name === 'credentials.save')).toEqual([]);
  });

  it('moves the site default to a new default set', async () => {
    setup([siteSet]);
    await act(() => showCredentials());
    fireEvent.click(screen.getByRole('button', { name: 'New credential set' }));
    const form = screen.getByRole('form', { name: 'New credential set' });
    fill(form, 'Name', 'New site');
    fill(form, 'Password', CANARY);
    fireEvent.click(within(form).getByRole('checkbox', { name: /Site default/ }));
    await act(async () => fireEvent.click(within(form).getByRole('button', { name: 'Create set' })));
    const defaults = [
      ...screen.getByRole('table', { name: 'Credential sets' }).querySelectorAll('tbody tr'),
    ].map((tr) => [tr.querySelector('td')!.textContent, tr.querySelectorAll('td')[3]!.textContent]);
    expect(defaults).toEqual([
      ['New site', 'yes'],
      ['Site login', ''],
    ]);
  });

  it('deletes only after the confirmation', async () => {
    const transport = setup([siteSet]);
    await act(() => showCredentials());
    fireEvent.click(screen.getByRole('button', { name: 'Delete Site login' }));
    const confirm = screen.getByRole('group', { name: 'Delete set' });
    expect(confirm.textContent).toContain('2 devices go back to the site default');
    expect(transport.invoked.some((c) => c.name === 'credentials.delete')).toBe(false);
    await act(async () => fireEvent.click(within(confirm).getByRole('button', { name: 'Delete set' })));
    expect(transport.invoked.at(-1)).toEqual({ name: 'credentials.delete', input: { id: siteSet.id } });
    expect(screen.queryByRole('table', { name: 'Credential sets' })).toBeNull();
  });

  it('assigns a set to the selected devices and sends them back to the site default', async () => {
    const transport = setup([siteSet]);
    devicesLoaded([device(1), device(2), device(3)]);
    await act(() => showCredentials());
    expect(screen.getByText(/Select devices in the/)).toBeTruthy();
    act(() => selectionReplaced([device(1).id, device(3).id]));
    expect(screen.getByTestId('assign-targets').textContent).toBe(
      '2 selected: Plus1PM · 0001, Plus1PM · 0003',
    );
    fireEvent.change(screen.getByLabelText('Credential set'), { target: { value: siteSet.id } });
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Assign to selected' })));
    expect(screen.getByTestId('assign-outcome').textContent).toBe('2 devices now use Site login.');
    expect(screen.getByRole('table', { name: 'Credential sets' }).textContent).toContain('4');
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Back to site default' })));
    expect(transport.invoked.filter((c) => c.name === 'credentials.assign').map((c) => c.input)).toEqual([
      { deviceIds: [device(1).id, device(3).id], credentialSetId: siteSet.id },
      { deviceIds: [device(1).id, device(3).id], credentialSetId: null },
    ]);
    expect(screen.getByTestId('assign-outcome').textContent).toBe('2 devices now use the site default.');
  });
});

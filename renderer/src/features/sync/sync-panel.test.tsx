import { act, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { SyncStatus, SyncTargetSave, SyncTargetSettings } from '../../../../shared/domain/sync';
import { ENCRYPTED_LINK_HINT } from '../../../../shared/domain/sync-transport';
import { ok } from '../../../../shared/ipc/result';
import { FakeTransport } from '../../../../test-support/renderer/fake-transport';
import { resetAll } from '../../../../test-support/renderer/reset-stores';
import { setTransport } from '../../api/client';
import { subscribeToEvents } from '../../api/bridge';
import { syncStore } from '../../stores/sync-store';
import { SyncIndicator } from './sync-indicator';
import { showSync } from './sync-intents';
import { SyncPanel } from './sync-panel';

afterEach(() => {
  resetAll();
  syncStore.setState(syncStore.getInitialState(), true);
});

const TOKEN = 'canary-t0ken';

/** A main-like fake: keeps targets, never returns a secret, reports a status per target. */
function setup() {
  let targets: SyncTargetSettings[] = [];
  let status: SyncStatus = { targets: [], totalPending: 12, kept: 12 };
  const transport = new FakeTransport({
    'sync.listTargets': () => ok(targets),
    'sync.getStatus': () => ok(status),
    'sync.saveTarget': (input) => {
      const save = input as SyncTargetSave & { kind: 'https' };
      const target: SyncTargetSettings = {
        id: 'syn_0000000001' as SyncTargetSettings['id'],
        kind: 'https',
        name: save.name,
        enabled: save.enabled,
        caPem: save.caPem,
        url: save.url,
        headers: save.headers,
        hasToken: save.token !== undefined && save.token !== null,
      };
      targets = [target];
      status = {
        totalPending: 12,
        kept: 12,
        targets: [
          {
            ...target,
            state: 'idle',
            pending: 12,
            lastSuccessAt: null,
            lastError: null,
            nextAttemptAt: null,
          },
        ],
      };
      return ok(target);
    },
    'sync.syncNow': () => {
      status = {
        totalPending: 0,
        kept: 12,
        targets: status.targets.map((t) => ({ ...t, pending: 0, lastSuccessAt: Date.now() - 120_000 })),
      };
      return ok(status);
    },
  });
  setTransport(transport);
  return transport;
}

describe('Sync view', () => {
  it('adds an HTTPS target with a write-only token, shows its state in plain words and syncs now', async () => {
    const transport = setup();
    render(
      <>
        <SyncIndicator />
        <SyncPanel />
      </>,
    );
    await act(() => showSync());
    // No target: never "All synced", and a target added now gets every result still kept.
    expect(screen.getByTestId('sync-indicator').textContent).toBe('No sync target · 12 results waiting');
    expect(screen.getByText('No sync targets yet: results stay on this computer.')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Add sync target' }));
    const form = screen.getByRole('form', { name: 'New sync target' });
    expect(within(form).getByTestId('sync-new-target-receives').textContent).toBe(
      'This target will receive the 12 results still on this computer, then new ones.',
    );
    fireEvent.change(within(form).getByLabelText('Kind'), { target: { value: 'https' } });
    fireEvent.change(within(form).getByLabelText('Name'), { target: { value: 'Back office' } });
    fireEvent.change(within(form).getByLabelText('URL'), {
      target: { value: 'https://backoffice.example/ingest' },
    });
    fireEvent.change(within(form).getByLabelText('Token'), { target: { value: TOKEN } });
    fireEvent.change(within(form).getByLabelText(/Extra headers/), {
      target: { value: 'X-Site: north-yard' },
    });
    await act(async () => fireEvent.submit(form));
    const saved = transport.invoked.find((c) => c.name === 'sync.saveTarget')?.input;
    expect(saved).toMatchObject({ kind: 'https', token: TOKEN, headers: { 'X-Site': 'north-yard' } });

    const card = screen.getByRole('article', { name: 'Back office' });
    expect(within(card).getByTestId('sync-state').textContent).toBe('12 results waiting');
    expect(document.body.textContent).not.toContain(TOKEN);
    fireEvent.click(within(card).getByRole('button', { name: 'Edit Back office' }));
    const token = within(screen.getByRole('form', { name: 'Edit Back office' })).getByLabelText(
      'Token',
    ) as HTMLInputElement;
    expect(token.value).toBe('');
    expect(token.placeholder).toBe('stored (leave empty to keep)');
    fireEvent.click(screen.getByRole('button', { name: 'Cancel' }));

    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Sync now' })));
    expect(screen.getByRole('article', { name: 'Back office' }).textContent).toContain(
      'Synced · last success 2 min ago',
    );
    expect(screen.getByTestId('sync-indicator').textContent).toBe('All synced');
  });

  it('follows live status events', async () => {
    const transport = setup();
    const disposers = subscribeToEvents();
    render(<SyncIndicator />);
    act(() => transport.push('sync.statusChanged', { targets: [], totalPending: 3, kept: 3 }));
    expect(screen.getByTestId('sync-indicator').textContent).toBe('No sync target · 3 results waiting');
    disposers.forEach((d) => d());
  });

  it('refuses a bad URL in the form, in words, before anything is sent', async () => {
    const transport = setup();
    render(<SyncPanel />);
    await act(() => showSync());
    fireEvent.click(screen.getByRole('button', { name: 'Add sync target' }));
    const form = screen.getByRole('form', { name: 'New sync target' });
    fireEvent.change(within(form).getByLabelText('Name'), { target: { value: 'Office' } });
    fireEvent.change(within(form).getByLabelText('Broker URL'), { target: { value: 'http://x' } });
    await act(async () => fireEvent.submit(form));
    // The hint and the error are the one sentence.
    expect(within(form).getAllByText(ENCRYPTED_LINK_HINT.mqtt)).toHaveLength(2);
    expect(transport.invoked.some((c) => c.name === 'sync.saveTarget')).toBe(false);
  });

  it('shows the encryption rule by the URL and refuses plain mqtt:// to another computer (G12)', async () => {
    const transport = setup();
    render(<SyncPanel />);
    await act(() => showSync());
    fireEvent.click(screen.getByRole('button', { name: 'Add sync target' }));
    const form = screen.getByRole('form', { name: 'New sync target' });
    expect(within(form).getByText(ENCRYPTED_LINK_HINT.mqtt)).toBeTruthy();
    expect((within(form).getByLabelText('Broker URL') as HTMLInputElement).value).toBe('mqtts://');
    fireEvent.change(within(form).getByLabelText('Name'), { target: { value: 'Office' } });
    fireEvent.change(within(form).getByLabelText('Broker URL'), {
      target: { value: 'mqtt://broker.example:1883' },
    });
    await act(async () => fireEvent.submit(form));
    expect(within(form).getAllByText(ENCRYPTED_LINK_HINT.mqtt)).toHaveLength(2);
    expect(transport.invoked.some((c) => c.name === 'sync.saveTarget')).toBe(false);
  });

  it('says an unreachable target in plain words once, the raw detail as a tooltip, and what Remove drops', async () => {
    setup();
    const raw = 'no acknowledgement from 127.0.0.1:1 for 15 s: connect ECONNREFUSED 127.0.0.1:1';
    syncStore.setState({
      isLoaded: true,
      targets: [
        {
          id: 'syn_0000000002' as SyncTargetSettings['id'],
          kind: 'mqtt',
          name: 'Dead broker',
          enabled: true,
          caPem: null,
          url: 'mqtt://127.0.0.1:1',
          username: null,
          hasPassword: false,
          topicPrefix: 'fieldbatch',
          certPem: null,
          hasKey: false,
        },
      ],
      status: {
        totalPending: 12,
        kept: 12,
        targets: [
          {
            id: 'syn_0000000002' as SyncTargetSettings['id'],
            name: 'Dead broker',
            kind: 'mqtt',
            state: 'waiting',
            pending: 12,
            lastSuccessAt: null,
            lastError: raw,
            nextAttemptAt: Date.now() + 30_000,
          },
        ],
      },
    });
    render(<SyncPanel />);
    const card = screen.getByRole('article', { name: 'Dead broker' });
    const state = within(card).getByTestId('sync-state');
    expect(state.textContent).toMatch(
      /^Waiting to retry in (29|30) s: cannot reach 127\.0\.0\.1:1: connection refused$/,
    );
    expect(state.title).toBe(raw);
    expect(within(card).queryByTestId('sync-last-error')).toBeNull();
    expect(card.textContent).not.toContain('ECONNREFUSED');
    fireEvent.click(within(card).getByRole('button', { name: 'Remove Dead broker' }));
    expect(within(card).getByRole('group', { name: 'Remove target' }).textContent).toContain(
      'Remove Dead broker? 12 results have not reached this target yet. Removing it drops them for this target; other targets still get theirs.',
    );
  });
});

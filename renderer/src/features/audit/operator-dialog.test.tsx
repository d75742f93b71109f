import { act, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { SessionInfo } from '../../../../shared/domain/audit';
import { ok } from '../../../../shared/ipc/result';
import { setTransport } from '../../api/client';
import { FakeTransport } from '../../../../test-support/renderer/fake-transport';
import { resetAll } from '../../../../test-support/renderer/reset-stores';
import { loadSession } from './audit-intents';
import { OperatorBadge } from './operator-badge';
import { OperatorDialog } from './operator-dialog';

afterEach(resetAll);

function setup(session: SessionInfo) {
  let current = session;
  const transport = new FakeTransport({
    'session.get': () => ok(current),
    'session.setOperator': (input) => {
      current = {
        ...current,
        operator: (input as { name: string }).name,
        lastOperator: (input as { name: string }).name,
      };
      return ok(current);
    },
  });
  setTransport(transport);
  render(
    <>
      <OperatorBadge />
      <OperatorDialog />
    </>,
  );
  return transport;
}

const named = (t: FakeTransport) =>
  t.invoked.filter((c) => c.name === 'session.setOperator').map((c) => c.input);

describe('OperatorDialog', () => {
  it('asks who is working when the session has nobody, prefilled with the last name, and cannot be skipped', async () => {
    const transport = setup({ operator: null, lastOperator: 'Ana', host: 'site-laptop' });
    await act(() => loadSession());
    expect(screen.getByRole('dialog', { name: 'Who is working today?' })).toBeTruthy();
    expect(screen.getByLabelText<HTMLInputElement>('Your name').value).toBe('Ana');
    expect(screen.getByText('site-laptop')).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Cancel' })).toBeNull();
    fireEvent.keyDown(screen.getByRole('dialog'), { key: 'Escape' });
    expect(screen.getByRole('dialog')).toBeTruthy();
    const input = screen.getByLabelText('Your name');
    const button = screen.getByRole('button', { name: 'Start working' });
    button.focus();
    fireEvent.keyDown(button, { key: 'Tab' });
    expect(document.activeElement).toBe(input);
    fireEvent.keyDown(input, { key: 'Tab', shiftKey: true });
    expect(document.activeElement).toBe(button);
    expect(named(transport)).toEqual([]);
  });

  it('refuses an empty name in words without asking main, then names the operator and shows it in the header', async () => {
    const transport = setup({ operator: null, lastOperator: null, host: 'h' });
    await act(() => loadSession());
    fireEvent.change(screen.getByLabelText('Your name'), { target: { value: '   ' } });
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Start working' })));
    expect(screen.getByRole('alert').textContent).toBe('Please type your name.');
    expect(named(transport)).toEqual([]);
    fireEvent.change(screen.getByLabelText('Your name'), { target: { value: '  Bruno Silva ' } });
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Start working' })));
    expect(named(transport)).toEqual([{ name: 'Bruno Silva' }]);
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(screen.getByTestId('operator').textContent).toContain('Bruno Silva');
  });

  it('does not ask when the session already has an operator; "Change" asks again and can be canceled', async () => {
    const transport = setup({ operator: 'Ana', lastOperator: 'Ana', host: 'h' });
    await act(() => loadSession());
    expect(screen.queryByRole('dialog')).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'Change operator' }));
    expect(screen.getByLabelText<HTMLInputElement>('Your name').value).toBe('Ana');
    fireEvent.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(screen.queryByRole('dialog')).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'Change operator' }));
    fireEvent.change(screen.getByLabelText('Your name'), { target: { value: 'Carla' } });
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Change name' })));
    expect(named(transport)).toEqual([{ name: 'Carla' }]);
    expect(screen.getByTestId('operator').textContent).toContain('Carla');
  });
});

import { act, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { AuditEntry, AuditPage, AuditVerification } from '../../../../shared/domain/audit';
import { ok } from '../../../../shared/ipc/result';
import type { JobId } from '../../../../shared/domain/job';
import { setTransport } from '../../api/client';
import { jobsLoaded } from '../../stores/jobs-store';
import { FakeTransport } from '../../../../test-support/renderer/fake-transport';
import { job } from '../../../../test-support/renderer/fixtures';
import { resetAll } from '../../../../test-support/renderer/reset-stores';
import { auditQuery, showAudit } from './audit-intents';
import { AuditView } from './audit-view';
import { formatDateTime } from '../../components/time-ago';
import { AuditAlteredBadge } from './audit-altered-badge';
import { detailWords, verificationWords } from './audit-words';

afterEach(resetAll);

function entry(seq: number, change: Partial<AuditEntry> = {}): AuditEntry {
  return {
    seq,
    at: new Date(2026, 11, 8, 9, 30, seq).getTime(),
    operator: 'Ana',
    host: 'site-laptop',
    action: 'jobs.pause',
    target: 'job_aaaaaaaa',
    jobId: null,
    outcome: 'ok',
    details: { jobId: 'job_aaaaaaaa', fields: ['jobId'] },
    prevHash: '0'.repeat(64),
    hash: '1'.repeat(64),
    ...change,
  };
}

function setup(pages: AuditPage[], verification: AuditVerification) {
  const transport = new FakeTransport({
    'audit.list': (input) => ok((input as { beforeSeq?: number }).beforeSeq ? pages[1] : pages[0]),
    'audit.verify': () => ok(verification),
  });
  setTransport(transport);
  render(<AuditView />);
  return transport;
}

const lists = (t: FakeTransport) => t.invoked.filter((c) => c.name === 'audit.list').map((c) => c.input);

describe('AuditView', () => {
  it('shows the chain intact with its length, and each entry in words with operator and computer', async () => {
    const failed = entry(3, {
      action: 'jobs.cancel',
      outcome: 'failed',
      details: { error: { code: 'CONFLICT', message: 'the job has ended' } },
    });
    const start = entry(2, {
      action: 'jobs.start',
      target: 'Hall lights',
      details: { devices: { count: 12, first: ['mac:a1', 'mac:a2'] }, groups: { count: 0, first: [] } },
    });
    const paused = entry(1, { jobId: 'job_aaaaaaaa' as JobId });
    setup([{ entries: [failed, start, paused], nextBeforeSeq: null }], {
      ok: true,
      entries: 1234,
      checkedAt: 1,
    });
    jobsLoaded([job('job_aaaaaaaa', { name: 'Hall lights' })]);
    await act(() => showAudit());
    expect(screen.getByTestId('chain-state').textContent).toContain(
      `Chain intact: 1,234 entries (fully checked at ${formatDateTime(1)})`,
    );
    expect(screen.getByText(/^Times in /)).toBeTruthy();
    const rows = within(screen.getByRole('table', { name: 'Audit entries' }))
      .getAllByRole('row')
      .slice(1);
    expect(rows.map((r) => r.getAttribute('data-audit-seq'))).toEqual(['3', '2', '1']);
    expect(rows[0]!.textContent).toContain('Canceled a job');
    expect(rows[0]!.textContent).toContain('refused');
    expect(rows[0]!.textContent).toContain('Refused: the job has ended');
    expect(rows[1]!.textContent).toContain('Started a job');
    expect(rows[1]!.textContent).toContain('devices: 12 (mac:a1, mac:a2, …)');
    expect(rows[1]!.textContent).not.toContain('groups');
    expect(within(rows[2]!).getByTitle('job_aaaaaaaa').textContent).toBe('Hall lights');
    expect(rows[2]!.textContent).not.toContain('password');
    expect(rows[2]!.textContent).toContain('Ana');
    expect(rows[2]!.textContent).toContain('site-laptop');
    expect(rows[2]!.textContent).toContain(formatDateTime(entry(1).at));
  });

  it('says plainly where the chain is broken, and walks it again when asked', async () => {
    const transport = setup([{ entries: [entry(58), entry(57), entry(56)], nextBeforeSeq: null }], {
      ok: false,
      entries: 56,
      checkedAt: 1,
      firstBadSeq: 57,
      problem: 'edited',
      message: 'entry 57 was edited or moved',
    });
    await act(() => showAudit());
    const state = screen.getByRole('alert');
    expect(state.textContent).toContain('Chain broken at entry 57: edited or removed');
    const bad = document.querySelectorAll('tr.audit-row-bad');
    expect([...bad].map((row) => row.getAttribute('data-audit-seq'))).toEqual(['57']);
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Check again' })));
    expect(transport.invoked.filter((c) => c.name === 'audit.verify').map((c) => c.input)).toEqual([
      { again: false },
      { again: true },
    ]);
  });

  it('filters by action, dates and text, and pages back to older entries', async () => {
    const transport = setup(
      [
        { entries: [entry(5)], nextBeforeSeq: 5 },
        { entries: [entry(4)], nextBeforeSeq: null },
      ],
      { ok: true, entries: 5, checkedAt: 1 },
    );
    await act(() => showAudit());
    await act(async () => fireEvent.change(screen.getByLabelText('Action'), { target: { value: 'jobs.' } }));
    expect(lists(transport).at(-1)).toMatchObject({ action: 'jobs.' });
    fireEvent.change(screen.getByLabelText('Text'), { target: { value: ' Hall ' } });
    fireEvent.change(screen.getByLabelText('Operator'), { target: { value: ' Ana Técnica ' } });
    fireEvent.change(screen.getByLabelText('From'), { target: { value: '2026-12-08' } });
    fireEvent.change(screen.getByLabelText('To'), { target: { value: '2026-12-08' } });
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Search' })));
    expect(lists(transport).at(-1)).toMatchObject({
      action: 'jobs.',
      text: 'Hall',
      operator: 'Ana Técnica',
      from: new Date(2026, 11, 8).getTime(),
      to: new Date(2026, 11, 9).getTime(),
    });
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Show older entries' })));
    expect(lists(transport).at(-1)).toMatchObject({ beforeSeq: 5 });
    expect(screen.getAllByRole('row')).toHaveLength(3);
    expect(screen.queryByRole('button', { name: 'Show older entries' })).toBeNull();
  });

  it('says that a password was sent, and nothing of it', () => {
    const saved = entry(9, {
      action: 'credentials.save',
      target: 'Site',
      details: { name: 'Site', fields: ['name', 'password', 'siteDefault'], siteDefault: true },
    });
    expect(detailWords(saved)).toBe('site default: yes · password changed');
  });

  it('leaves out filters left empty', () => {
    expect(auditQuery({ action: '', from: '', to: '', text: '  ', operator: ' ' })).toEqual({
      action: undefined,
      from: undefined,
      to: undefined,
      text: undefined,
      operator: undefined,
    });
  });

  it('says when newer entries were chained on since the last full walk, rather than dating them by it', () => {
    expect(verificationWords({ ok: true, entries: 19, walked: 4, checkedAt: 1 })).toBe(
      `Chain intact: 19 entries (fully checked at ${formatDateTime(1)}, 4 entries then; newer entries chained since)`,
    );
  });

  it('warns in the header on any screen while the chain is broken, and not while it is intact', async () => {
    const broken: AuditVerification = {
      ok: false,
      entries: 3,
      checkedAt: 1,
      firstBadSeq: 4,
      problem: 'edited',
      message: 'entry 4 was edited or moved',
    };
    setTransport(new FakeTransport({ 'audit.verify': () => ok(broken) }));
    const { verifyAudit } = await import('./audit-intents');
    render(<AuditAlteredBadge />);
    expect(screen.queryByText('Audit log altered')).toBeNull();
    await act(() => verifyAudit(false));
    expect(screen.getByRole('alert').textContent).toBe('Audit log altered');
  });
});

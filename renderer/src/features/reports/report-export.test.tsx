import { act, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fail, ok } from '../../../../shared/ipc/result';
import { setTransport } from '../../api/client';
import { FakeTransport } from '../../../../test-support/renderer/fake-transport';
import { resetAll } from '../../../../test-support/renderer/reset-stores';
import { ExportReport } from './export-report';
import { visitRange } from './report-intents';
import { SiteVisitReport } from './site-visit-report';

afterEach(() => {
  resetAll();
  vi.restoreAllMocks();
});

const JOB = 'job_report00001' as never;

function saved() {
  const links: { download: string; href: string }[] = [];
  vi.spyOn(URL, 'createObjectURL').mockReturnValue('blob:report');
  vi.spyOn(URL, 'revokeObjectURL').mockImplementation(() => {});
  vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
    links.push({ download: this.download, href: this.href });
  });
  return links;
}

describe('Export report in the run monitor', () => {
  it('asks main for the chosen format and saves the file under the name main gave', async () => {
    const links = saved();
    const transport = new FakeTransport({
      'reports.export': () =>
        ok({ fileName: `handover-${JOB}.pdf`, mimeType: 'application/pdf', bytesBase64: btoa('%PDF-1.7') }),
    });
    setTransport(transport);
    render(<ExportReport job={{ id: JOB, state: 'completed' }} />);
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'PDF' })));
    expect(transport.invoked).toEqual([
      { name: 'reports.export', input: { scope: { kind: 'job', jobId: JOB }, format: 'pdf' } },
    ]);
    expect(links).toEqual([{ download: `handover-${JOB}.pdf`, href: 'blob:report' }]);
  });

  it('shows a refusal next to the buttons and saves nothing', async () => {
    const links = saved();
    setTransport(
      new FakeTransport({ 'reports.export': () => fail('NOT_FOUND', 'there is no run job_x to report on') }),
    );
    render(<ExportReport job={{ id: JOB, state: 'completed' }} />);
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'CSV' })));
    expect(screen.getByRole('alert').textContent).toContain('there is no run job_x to report on.');
    expect(links).toEqual([]);
  });
});

describe('Site visit report', () => {
  it('covers whole local days, the last one included', () => {
    const range = visitRange('2026-12-07', '2026-12-08');
    expect(range).toEqual({
      from: new Date('2026-12-07T00:00:00').getTime(),
      to: new Date('2026-12-09T00:00:00').getTime(),
    });
  });

  it('says in plain words that no run started on the chosen days, saves nothing, and forgets it for other days', async () => {
    const links = saved();
    const words = 'No runs started between 1 Dec and 8 Dec 2026.';
    setTransport(new FakeTransport({ 'reports.export': () => fail('NOT_FOUND', words) }));
    render(<SiteVisitReport />);
    fireEvent.change(screen.getByLabelText('From'), { target: { value: '2026-12-01' } });
    fireEvent.change(screen.getByLabelText('To'), { target: { value: '2026-12-08' } });
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'PDF' })));
    expect(screen.getByRole('alert').textContent).toBe(`${words} Choose the days the runs were started on.`);
    expect(links).toEqual([]);
    fireEvent.change(screen.getByLabelText('From'), { target: { value: '2026-11-30' } });
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('refuses a last day before the first, and disables the buttons', () => {
    expect(visitRange('2026-12-08', '2026-12-07')).toBe('The last day is before the first day.');
    setTransport(new FakeTransport());
    render(<SiteVisitReport />);
    fireEvent.change(screen.getByLabelText('From'), { target: { value: '2026-12-09' } });
    fireEvent.change(screen.getByLabelText('To'), { target: { value: '2026-12-01' } });
    expect(screen.getByRole('alert').textContent).toBe('The last day is before the first day.');
    expect((screen.getByRole('button', { name: 'JSON' }) as HTMLButtonElement).disabled).toBe(true);
  });
});

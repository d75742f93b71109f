import { act, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { TemplateVersion } from '../../../../shared/domain/templates';
import { ok } from '../../../../shared/ipc/result';
import { setTransport } from '../../api/client';
import { AppNav } from '../../app/app-nav';
import { formatDateTime } from '../../components/time-ago';
import { templatesStore } from '../../stores/templates-store';
import { uiStore } from '../../stores/ui-store';
import { FakeTransport } from '../../../../test-support/renderer/fake-transport';
import { resetAll } from '../../../../test-support/renderer/reset-stores';
import {
  fakeTemplatesMain,
  plugVersions,
  refusedImport,
  TEMPLATE_ID,
} from '../../../../test-support/renderer/template-fixtures';
import { showTemplates } from './template-intents';
import { TemplatesPanel } from './templates-panel';

afterEach(() => {
  resetAll();
  templatesStore.setState(templatesStore.getInitialState(), true);
  vi.restoreAllMocks();
});

async function setup(options: Parameters<typeof fakeTemplatesMain>[0] = {}) {
  const transport = new FakeTransport(fakeTemplatesMain(options).answers);
  setTransport(transport);
  render(<TemplatesPanel />);
  await act(() => showTemplates());
  return transport;
}

const cells = (row: Element) => [...row.querySelectorAll('td')].map((td) => td.textContent);
const list = () => screen.getByRole('table', { name: 'Templates' });

async function openHistory() {
  await act(async () => fireEvent.click(screen.getByRole('button', { name: 'History of Plug rollout' })));
  return screen.getByRole('table', { name: 'Versions of Plug rollout' });
}

/** Reads what `downloadText` saved: the link's file name and the blob's text. */
function captureDownloads() {
  const blobs: Blob[] = [];
  const names: string[] = [];
  vi.spyOn(URL, 'createObjectURL').mockImplementation((blob) => {
    blobs.push(blob as Blob);
    return `blob:fieldbatch/${blobs.length}`;
  });
  vi.spyOn(URL, 'revokeObjectURL').mockImplementation(() => {});
  vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
    names.push(this.download);
  });
  return {
    names,
    texts: () => Promise.all(blobs.map((b) => b.text())),
    types: () => blobs.map((b) => b.type),
  };
}

describe('templates screen', () => {
  it('opens from the navigation and lists name, current version, versions and last change', async () => {
    const transport = new FakeTransport(fakeTemplatesMain({}).answers);
    setTransport(transport);
    render(<AppNav />);
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Templates' })));
    expect(uiStore.getState().view).toBe('templates');
    expect(transport.invoked).toEqual([{ name: 'templates.list', input: {} }]);

    render(<TemplatesPanel />);
    const row = list().querySelector('tbody tr')!;
    expect(cells(row).slice(0, 4)).toEqual(['Plug rollout', 'v3', '3', formatDateTime(1_700_000_200_000)]);
  });

  it('says so when there are no templates', async () => {
    await setup({ versions: [] });
    expect(screen.queryByRole('table', { name: 'Templates' })).toBeNull();
    expect(screen.getByText(/No templates yet/)).toBeTruthy();
  });

  it('shows the history with notes, newest first, and the current version marked', async () => {
    const transport = await setup();
    const versions = await openHistory();
    expect(transport.invoked.at(-1)).toEqual({
      name: 'templates.history',
      input: { templateId: TEMPLATE_ID },
    });
    expect([...versions.querySelectorAll('tbody tr')].map((tr) => cells(tr).slice(0, 3))).toEqual([
      ['v3 (current)', 'Plug rollout', ''],
      ['v2', 'Plugs', 'faster'],
      ['v1', 'Plugs', 'first try'],
    ]);
    expect(within(versions).queryByRole('button', { name: 'Restore version 3' })).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'Close history' }));
    expect(screen.queryByRole('table', { name: 'Versions of Plug rollout' })).toBeNull();
  });

  it('compares two picked versions in a path / before / after table', async () => {
    const transport = await setup();
    await openHistory();
    const form = screen.getByRole('form', { name: 'Compare versions' });
    expect((within(form).getByLabelText('From version') as HTMLSelectElement).value).toBe('2');
    expect((within(form).getByLabelText('To version') as HTMLSelectElement).value).toBe('3');
    fireEvent.change(within(form).getByLabelText('From version'), { target: { value: '1' } });
    await act(async () => fireEvent.click(within(form).getByRole('button', { name: 'Compare' })));
    expect(transport.invoked.at(-1)).toEqual({
      name: 'templates.diff',
      input: { templateId: TEMPLATE_ID, from: 1, to: 3 },
    });
    const diff = screen.getByRole('table', { name: 'Changes from version 1 to version 3' });
    expect([...diff.querySelectorAll('th')].map((th) => th.textContent)).toEqual([
      'Path',
      'Before (v1)',
      'After (v3)',
    ]);
    expect([...diff.querySelectorAll('tbody tr')].map(cells)).toEqual([
      ['name', '"Plugs"', '"Plug rollout"'],
      ['spec.policy.concurrency', '5', '20'],
    ]);
  });

  it('shows a field one version lacks as "(none)", and equal versions as the same', async () => {
    await setup({ changes: [{ path: 'spec.steps.1', before: undefined, after: { action: 'collect' } }] });
    await openHistory();
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Compare' })));
    const row = screen
      .getByRole('table', { name: 'Changes from version 2 to version 3' })
      .querySelector('tbody tr')!;
    expect(cells(row)).toEqual(['spec.steps.1', '(none)', '{"action":"collect"}']);

    await act(async () =>
      templatesStore.setState({ diff: { templateId: TEMPLATE_ID, from: 2, to: 2, changes: [] } }),
    );
    expect(screen.getByTestId('template-diff-empty').textContent).toBe('Versions 2 and 2 are the same.');
  });

  it('restores an old version only after the confirmation, as a new current version', async () => {
    const transport = await setup();
    const versions = await openHistory();
    fireEvent.click(within(versions).getByRole('button', { name: 'Restore version 1' }));
    const confirm = screen.getByRole('group', { name: 'Restore version' });
    expect(confirm.textContent).toContain('Make version 1 current again? It is saved as version 4.');
    expect(transport.invoked.some((c) => c.name === 'templates.restore')).toBe(false);
    await act(async () => fireEvent.click(within(confirm).getByRole('button', { name: 'Restore version' })));
    expect(transport.invoked.filter((c) => c.name === 'templates.restore').map((c) => c.input)).toEqual([
      { templateId: TEMPLATE_ID, version: 1 },
    ]);
    expect(cells(list().querySelector('tbody tr')!).slice(0, 3)).toEqual(['Plugs', 'v4', '4']);
    const rows = screen.getByRole('table', { name: 'Versions of Plugs' }).querySelectorAll('tbody tr');
    expect(cells(rows[0]!).slice(0, 3)).toEqual(['v4 (current)', 'Plugs', 'restored version 1']);
  });

  it('exports the current version as JSON and as YAML under the name main gives', async () => {
    const transport = await setup();
    const downloads = captureDownloads();
    await act(async () =>
      fireEvent.click(screen.getByRole('button', { name: 'Export Plug rollout as JSON' })),
    );
    await act(async () =>
      fireEvent.click(screen.getByRole('button', { name: 'Export Plug rollout as YAML' })),
    );
    expect(transport.invoked.filter((c) => c.name === 'templates.export').map((c) => c.input)).toEqual([
      { templateId: TEMPLATE_ID, format: 'json' },
      { templateId: TEMPLATE_ID, format: 'yaml' },
    ]);
    expect(downloads.names).toEqual(['Plug-rollout.v3.json', 'Plug-rollout.v3.yaml']);
    expect(await downloads.texts()).toEqual(['exported as json\n', 'exported as yaml\n']);
    expect(downloads.types()).toEqual(['application/json', 'application/yaml']);
  });

  it('deletes a template only after the confirmation, and closes its history', async () => {
    const transport = await setup();
    await openHistory();
    fireEvent.click(screen.getByRole('button', { name: 'Delete Plug rollout' }));
    const confirm = screen.getByRole('group', { name: 'Delete template' });
    expect(confirm.textContent).toContain('Delete Plug rollout and all its 3 versions?');
    expect(transport.invoked.some((c) => c.name === 'templates.delete')).toBe(false);
    await act(async () => fireEvent.click(within(confirm).getByRole('button', { name: 'Delete template' })));
    expect(transport.invoked.at(-1)).toEqual({
      name: 'templates.delete',
      input: { templateId: TEMPLATE_ID },
    });
    expect(screen.queryByRole('table', { name: 'Templates' })).toBeNull();
    expect(screen.queryByRole('table', { name: 'Versions of Plug rollout' })).toBeNull();
  });

  const chooseFile = (file: File) =>
    act(async () =>
      fireEvent.change(screen.getByLabelText('Import template file'), { target: { files: [file] } }),
    );

  it('imports a file: sends its text and lists the new template', async () => {
    const imported: TemplateVersion = {
      ...plugVersions()[0]!,
      templateId: 'tpl_imported1' as TemplateVersion['templateId'],
      name: 'From the office',
      note: 'imported',
    };
    const transport = await setup({
      importAnswer: () => ok({ template: imported, spec: imported.spec, problems: [] }),
    });
    await chooseFile(new File(['fieldbatchTemplate: 1\n'], 'office.yaml', { type: 'application/yaml' }));
    expect(transport.invoked.find((c) => c.name === 'templates.import')!.input).toEqual({
      fileName: 'office.yaml',
      content: 'fieldbatchTemplate: 1\n',
    });
    expect(screen.getByTestId('template-import-report').textContent).toBe(
      'office.yaml: imported as the new template “From the office”.',
    );
    expect([...list().querySelectorAll('tbody tr')].map((tr) => cells(tr)[0])).toEqual([
      'Plug rollout',
      'From the office',
    ]);
  });

  it('shows every problem of a refused file as "path (line N): message"', async () => {
    const issues = [
      { path: 'colour', line: 3, message: 'unknown field "colour"' },
      {
        path: 'spec.policy.retries.max',
        line: 31,
        message: 'Invalid input: expected number, received string',
      },
      { path: '(file)', line: null, message: 'Excessive alias count' },
    ];
    const transport = await setup({ importAnswer: () => refusedImport(issues) });
    await chooseFile(new File(['colour: red\n'], 'bad.yaml'));
    const report = screen.getByRole('alert');
    expect(report.textContent).toContain(
      'bad.yaml was not imported: colour (line 3): unknown field "colour"',
    );
    expect(
      within(screen.getByRole('list', { name: 'Import problems' }))
        .getAllByRole('listitem')
        .map((li) => li.textContent),
    ).toEqual([
      'colour (line 3): unknown field "colour"',
      'spec.policy.retries.max (line 31): Invalid input: expected number, received string',
      '(file): Excessive alias count',
    ]);
    expect(transport.invoked.filter((c) => c.name === 'templates.list')).toHaveLength(1);
    expect(list().querySelectorAll('tbody tr')).toHaveLength(1);
  });

  it('refuses a file over 1 MB without sending it', async () => {
    const transport = await setup();
    await chooseFile(new File(['x'.repeat(1_000_001)], 'huge.json'));
    expect(screen.getByRole('alert').textContent).toContain(
      'huge.json was not imported: template files are limited to 1 MB',
    );
    expect(transport.invoked.some((c) => c.name === 'templates.import')).toBe(false);
  });
});

import { act, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { TemplateProblem } from '../../../../shared/domain/template-refs';
import type { TemplateVersion } from '../../../../shared/domain/templates';
import { ok } from '../../../../shared/ipc/result';
import { setTransport } from '../../api/client';
import { groupsStore } from '../../stores/groups-store';
import { templatesStore } from '../../stores/templates-store';
import { FakeTransport } from '../../../../test-support/renderer/fake-transport';
import { smartGroup } from '../../../../test-support/renderer/fixtures';
import { resetAll } from '../../../../test-support/renderer/reset-stores';
import { fakeTemplatesMain, plugVersions } from '../../../../test-support/renderer/template-fixtures';
import { showTemplates } from './template-intents';
import { TemplatesPanel } from './templates-panel';

afterEach(() => {
  resetAll();
  templatesStore.setState(templatesStore.getInitialState(), true);
});

const imported: TemplateVersion = {
  ...plugVersions()[0]!,
  templateId: 'tpl_imported1' as TemplateVersion['templateId'],
  name: 'Hall update',
  note: 'imported',
};
const missingGroup: TemplateProblem = {
  kind: 'group-missing',
  groupId: 'grp_foreign01' as Extract<TemplateProblem, { kind: 'group-missing' }>['groupId'],
  group: { kind: 'smart', name: 'Hall plugs', filter: { families: ['shelly'] } },
  message: "Group 'Hall plugs' does not exist here; create it from the template's filter?",
};
const substituted: TemplateProblem = {
  kind: 'image-substituted',
  sha256: 'a'.repeat(64),
  localSha256: 'b'.repeat(64),
  image: { family: 'tasmota', chip: 'ESP32', app: null, version: '14.4.0', kind: 'ota', fileName: 't.bin' },
  message:
    "Tasmota image for ESP32 14.4.0: the library's tasmota32.bin is used instead of the template's t.bin",
};

async function setup() {
  let problems = [missingGroup, substituted];
  const created = smartGroup(1, { families: ['shelly'] }, 'Hall plugs');
  const main = fakeTemplatesMain({
    importAnswer: () => ok({ template: imported, spec: imported.spec, problems }),
    loadAnswer: () => ok({ template: imported, spec: imported.spec, problems }),
  });
  const transport = new FakeTransport({
    ...main.answers,
    'groups.create': () => {
      problems = [substituted];
      return ok(created);
    },
  });
  setTransport(transport);
  render(<TemplatesPanel />);
  await act(() => showTemplates());
  await act(async () =>
    fireEvent.change(screen.getByLabelText('Import template file'), {
      target: { files: [new File(['fieldbatchTemplate: 2\n'], 'hall.yaml')] },
    }),
  );
  return transport;
}

const problemsShown = () =>
  within(screen.getByRole('alert', { name: 'Template references' }))
    .getAllByRole('listitem')
    .map((li) => li.textContent);

describe('importing a template made on another install', () => {
  it('lists what is missing or different here in plain words', async () => {
    await setup();
    expect(screen.getByRole('status').textContent).toBe(
      'hall.yaml: imported as the new template “Hall update”.',
    );
    expect(problemsShown()).toEqual([
      "Group 'Hall plugs' does not exist here; create it from the template's filter? Create group “Hall plugs”",
      substituted.message,
    ]);
  });

  it('creates a missing group from the template on request, then lists only what is still different', async () => {
    const transport = await setup();
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Create group “Hall plugs”' })));
    expect(transport.invoked.filter((c) => c.name === 'groups.create').map((c) => c.input)).toEqual([
      missingGroup.group,
    ]);
    expect(transport.invoked.filter((c) => c.name === 'templates.load').map((c) => c.input)).toEqual([
      { templateId: 'tpl_imported1' },
    ]);
    expect(Object.values(groupsStore.getState().byId).map((g) => g.name)).toEqual(['Hall plugs']);
    expect(problemsShown()).toEqual([substituted.message]);
  });
});

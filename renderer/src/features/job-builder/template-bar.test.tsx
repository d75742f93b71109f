import { act, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { JobPolicySchema } from '../../../../shared/domain/job';
import type { TemplateProblem } from '../../../../shared/domain/template-refs';
import { EMPTY_TEMPLATE_REFS } from '../../../../shared/domain/template-refs';
import type { TemplateVersion } from '../../../../shared/domain/templates';
import { ok } from '../../../../shared/ipc/result';
import { setTransport } from '../../api/client';
import { devicesLoaded } from '../../stores/devices-store';
import { groupsLoaded } from '../../stores/groups-store';
import { FakeTransport } from '../../../../test-support/renderer/fake-transport';
import { device, smartGroup, staticGroup } from '../../../../test-support/renderer/fixtures';
import { resetAll } from '../../../../test-support/renderer/reset-stores';
import { JobsView } from '../job-runs/jobs-view';

afterEach(resetAll);

const TEMPLATE = 'tpl_travel0001' as TemplateVersion['templateId'];
const KEPT = staticGroup(1, [device(1).id], 'Porch');
const DELETED = 'grp_deleted001' as TemplateVersion['spec']['targets']['groupIds'][number];
const CREATED = smartGroup(2, { families: ['shelly'] }, 'Hall plugs');
const SHA_MISSING = 'a'.repeat(64);
const SHA_HERE = 'b'.repeat(64);

const template: TemplateVersion = {
  templateId: TEMPLATE,
  version: 1,
  name: 'Hall update',
  spec: {
    version: 1,
    name: 'Update the hall',
    targets: { deviceIds: [], groupIds: [KEPT.id, DELETED], includeNewMembers: false },
    steps: [{ action: 'firmware-update', images: [SHA_MISSING, SHA_HERE], allowDowngrade: false }],
    policy: JobPolicySchema.parse({}),
  },
  refs: EMPTY_TEMPLATE_REFS,
  note: '',
  createdAt: 1,
};

const problems: TemplateProblem[] = [
  {
    kind: 'group-missing',
    groupId: DELETED,
    group: { kind: 'smart', name: 'Hall plugs', filter: { families: ['shelly'] } },
    message: "Group 'Hall plugs' does not exist here; create it from the template's filter?",
  },
  {
    kind: 'image-missing',
    sha256: SHA_MISSING,
    image: null,
    message: 'No Tasmota image for ESP32 14.4.0 in the library: import tasmota32-14.4.0.bin',
  },
];

function setup() {
  let answered = problems;
  const transport = new FakeTransport({
    'templates.list': () =>
      ok([{ id: TEMPLATE, name: 'Hall update', version: 1, versions: 1, createdAt: 1, updatedAt: 1 }]),
    'templates.load': () => ok({ template, spec: template.spec, problems: answered }),
    'groups.create': () => {
      answered = problems.slice(1);
      return ok(CREATED);
    },
    'firmware.list': () => ok([]),
  });
  setTransport(transport);
  devicesLoaded([device(1)]);
  groupsLoaded([KEPT]);
  render(<JobsView />);
  return transport;
}

const click = (name: string) => act(async () => fireEvent.click(screen.getByRole('button', { name })));

async function loadTemplate() {
  await click('New job');
  fireEvent.change(screen.getByLabelText('Start from template'), { target: { value: TEMPLATE } });
  await click('Load template');
}

describe('loading a template whose group or image is not here', () => {
  it('warns with every missing reference and leaves them out of the draft', async () => {
    setup();
    await loadTemplate();
    const alert = screen.getByRole('alert', { name: 'Template references' });
    expect(
      within(alert)
        .getAllByRole('listitem')
        .map((li) => li.textContent),
    ).toEqual([
      "Group 'Hall plugs' does not exist here; create it from the template's filter? Create group “Hall plugs”",
      'No Tasmota image for ESP32 14.4.0 in the library: import tasmota32-14.4.0.bin',
    ]);
    expect(screen.getByRole('checkbox', { name: /Porch/ })).toHaveProperty('checked', true);
    expect(screen.queryByRole('checkbox', { name: /Hall plugs/ })).toBeNull();
  });

  it('creates the missing group from the template on request, makes it a target and asks main again', async () => {
    const transport = setup();
    await loadTemplate();
    await click('Create group “Hall plugs”');
    expect(transport.invoked.filter((c) => c.name === 'groups.create').map((c) => c.input)).toEqual([
      { kind: 'smart', name: 'Hall plugs', filter: { families: ['shelly'] } },
    ]);
    expect(screen.getByRole('checkbox', { name: /Hall plugs/ })).toHaveProperty('checked', true);
    expect(transport.invoked.filter((c) => c.name === 'templates.load')).toHaveLength(2);
    const alert = screen.getByRole('alert', { name: 'Template references' });
    expect(
      within(alert)
        .getAllByRole('listitem')
        .map((li) => li.textContent),
    ).toEqual(['No Tasmota image for ESP32 14.4.0 in the library: import tasmota32-14.4.0.bin']);
  });

  it('says nothing when everything was found', async () => {
    setup();
    await click('New job');
    expect(screen.queryByRole('alert', { name: 'Template references' })).toBeNull();
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeDriver } from '../../../test-support/drivers/fake/fake-driver';
import { startTestAppCore, type TestAppCore } from '../../../test-support/core/test-app-core';
import { lineOf, plugRollout } from '../../../test-support/templates/template-test-specs';

describe('template commands over the contract', () => {
  let app: TestAppCore;
  beforeAll(async () => {
    app = await startTestAppCore({ drivers: [new FakeDriver()] });
  });
  afterAll(() => app.close());

  it('refuses a bad file with every issue typed, and loses nothing already saved', async () => {
    const saved = await app.call('templates.save', { name: 'Plugs', spec: plugRollout });
    const before = await app.call('templates.list', {});
    const { content } = await app.call('templates.export', {
      templateId: saved.templateId,
      format: 'yaml',
    });
    const bad = content.replace('max: 2', 'max: lots').replace('name: Plugs\n', 'name: Plugs\nowner: me\n');

    const refused = await app.dispatch('templates.import', { fileName: 'plugs.yaml', content: bad });
    expect(refused).toEqual({
      ok: false,
      error: {
        code: 'INVALID_INPUT',
        message: `owner (line ${lineOf(bad, 'owner:')}): unknown field "owner" (and 1 more)`,
        details: [
          { path: 'owner', line: lineOf(bad, 'owner:'), message: 'unknown field "owner"' },
          {
            path: 'spec.policy.retries.max',
            line: lineOf(bad, 'max: lots'),
            message: 'Invalid input: expected number, received string',
          },
        ],
      },
    });
    expect(await app.dispatch('templates.import', { fileName: 'plugs.yaml', content: 7 })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT' },
    });
    expect(await app.call('templates.list', {})).toEqual(before);
    expect(await app.call('templates.get', { templateId: saved.templateId })).toEqual(saved);
  });

  it('imports a good file as a new template that passes the contract', async () => {
    const saved = await app.call('templates.save', { name: 'Reboot all', spec: plugRollout });
    const file = await app.call('templates.export', {
      templateId: saved.templateId,
      format: 'json',
    });
    const imported = await app.call('templates.import', file);
    expect(imported.template).toMatchObject({ name: 'Reboot all', version: 1, spec: plugRollout });
    expect(await app.dispatch('templates.history', { templateId: 'tpl_unknown00' })).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });
  });

  it('carries a group by name: deleted, it is named as missing; created again from the template, it is used', async () => {
    const filter = { families: ['shelly' as const], firmware: '<1.5' };
    const group = await app.call('groups.create', { kind: 'smart', name: 'Hall plugs', filter });
    const spec = { ...plugRollout, targets: { ...plugRollout.targets, groupIds: [group.id] } };
    const saved = await app.call('templates.save', { name: 'Hall', spec });
    const file = await app.call('templates.export', { templateId: saved.templateId, format: 'yaml' });
    expect(file.content).toContain('fieldbatchTemplate: 2');
    await app.call('groups.delete', { id: group.id });

    const imported = await app.call('templates.import', file);
    const missing = imported.problems.find((p) => p.kind === 'group-missing');
    expect(missing).toEqual({
      kind: 'group-missing',
      groupId: group.id,
      group: { kind: 'smart', name: 'Hall plugs', filter },
      message: "Group 'Hall plugs' does not exist here; create it from the template's filter?",
    });
    const again = await app.call('groups.create', { kind: 'smart', name: 'Hall plugs', filter });
    const loaded = await app.call('templates.load', { templateId: imported.template.templateId });
    expect(loaded.problems.filter((p) => p.kind.startsWith('group'))).toEqual([]);
    expect(loaded.spec.targets.groupIds).toEqual([again.id]);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TemplateSummary, TemplateVersion } from '../../../shared/domain/templates';
import { createAppCore, type AppCore } from '../app-core';
import { FakeDriver } from '../drivers/fake/fake-driver';
import { silentLogger } from '../logging/json-logger';
import { makeTempDir } from '../test-support/temp-dir';
import { lineOf, plugRollout } from './template-test-specs';

const ctx = { host: 'headless' as const };

describe('template commands over the contract', () => {
  const dir = makeTempDir();
  let core: AppCore;
  const call = (name: string, input: unknown) => core.dispatch(name, input, ctx);
  const value = async <T>(name: string, input: unknown): Promise<T> => {
    const result = await call(name, input);
    if (!result.ok) throw new Error(`${name}: ${result.error.code} ${result.error.message}`);
    return result.value as T;
  };

  beforeAll(async () => {
    core = createAppCore({
      dataDir: dir.path,
      host: 'headless',
      version: 'test',
      deliver: () => {},
      logger: silentLogger,
      mdns: { enabled: false, requireLoopbackOnly: true },
      validateOutputs: true,
      drivers: [new FakeDriver()],
    });
    await core.start();
  });
  afterAll(async () => {
    await core.shutdown();
    dir.cleanup();
  });

  it('refuses a bad file with every issue typed, and loses nothing already saved', async () => {
    const saved = await value<TemplateVersion>('templates.save', { name: 'Plugs', spec: plugRollout });
    const before = await value<TemplateSummary[]>('templates.list', {});
    const { content } = await value<{ content: string }>('templates.export', {
      templateId: saved.templateId,
      format: 'yaml',
    });
    const bad = content.replace('max: 2', 'max: lots').replace('name: Plugs\n', 'name: Plugs\nowner: me\n');

    const refused = await call('templates.import', { fileName: 'plugs.yaml', content: bad });
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
    expect(await call('templates.import', { fileName: 'plugs.yaml', content: 7 })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT' },
    });
    expect(await value('templates.list', {})).toEqual(before);
    expect(await value('templates.get', { templateId: saved.templateId })).toEqual(saved);
  });

  it('imports a good file as a new template that passes the contract', async () => {
    const saved = await value<TemplateVersion>('templates.save', { name: 'Reboot all', spec: plugRollout });
    const file = await value<{ fileName: string; content: string }>('templates.export', {
      templateId: saved.templateId,
      format: 'json',
    });
    const imported = await value<TemplateVersion>('templates.import', file);
    expect(imported).toMatchObject({ name: 'Reboot all', version: 1, spec: plugRollout });
    expect(await call('templates.history', { templateId: 'tpl_unknown00' })).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });
  });
});

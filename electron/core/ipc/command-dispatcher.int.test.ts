import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { COMMAND_NAMES, type CommandName } from '../../../shared/ipc/channels';
import type { CommandHandlers } from '../../../shared/ipc/contract';
import { createAppCore, type AppCore } from '../app-core';
import { FakeDriver } from '../../../test-support/drivers/fake/fake-driver';
import { DomainError } from '../errors';
import { silentLogger } from '../logging/json-logger';
import { makeTempDir } from '../../../test-support/core/temp-dir';
import { createDispatcher } from './command-dispatcher';

const ctx = { host: 'headless' as const };

/** Payloads no command accepts, plus per-command near misses. */
const INVALID_FOR_ALL: unknown[] = [undefined, null, 42, 'text', [], true, { unexpected: 1 }];
const VALID_SPEC = {
  version: 1,
  name: 'x',
  targets: { deviceIds: ['mac:a8032ab12345'] },
  steps: [{ action: 'reboot' }],
  policy: {},
};
const NEAR_MISSES: Partial<Record<CommandName, unknown[]>> = {
  'jobs.start': [
    { spec: VALID_SPEC },
    { spec: VALID_SPEC, confirmDevices: -1 },
    { spec: VALID_SPEC, confirmDevices: 1, typedConfirmation: 'x'.repeat(500) },
    { spec: { ...VALID_SPEC, policy: { retries: { max: 99 } } }, confirmDevices: 1 },
  ],
  'jobs.plan': [
    {
      version: 2,
      name: 'x',
      targets: { deviceIds: ['mac:a8032ab12345'] },
      steps: [{ action: 'reboot' }],
      policy: {},
    },
    {
      version: 1,
      name: '',
      targets: { deviceIds: ['mac:a8032ab12345'] },
      steps: [{ action: 'reboot' }],
      policy: {},
    },
    { version: 1, name: 'x', targets: { deviceIds: [] }, steps: [{ action: 'reboot' }], policy: {} },
    {
      version: 1,
      name: 'x',
      targets: { deviceIds: ['198.51.100.5'] },
      steps: [{ action: 'reboot' }],
      policy: {},
    },
    {
      version: 1,
      name: 'x',
      targets: { deviceIds: ['mac:a8032ab12345'] },
      steps: [{ action: 'format-disk' }],
      policy: {},
    },
    {
      version: 1,
      name: 'x',
      targets: { deviceIds: ['mac:a8032ab12345'] },
      steps: [{ action: 'reboot' }],
      policy: { concurrency: 0 },
    },
    {
      version: 1,
      name: 'x',
      targets: { deviceIds: ['mac:a8032ab12345'] },
      steps: [{ action: 'reboot' }],
      policy: { concurrency: 1.5 },
    },
    { version: 1, name: 'x', targets: { deviceIds: ['mac:a8032ab12345'] }, steps: [], policy: {} },
  ],
  'jobs.get': [{ jobId: 'not-a-job' }, { jobId: 7 }, { jobId: 'job_abcdefgh', extra: true }],
  'jobs.cancel': [{ jobId: '' }, { jobId: null }, {}],
};

describe('command dispatcher', () => {
  let dir: ReturnType<typeof makeTempDir>;
  let core: AppCore;

  beforeEach(() => {
    dir = makeTempDir();
    core = createAppCore({
      dataDir: dir.path,
      host: 'headless',
      version: '0.0.0-test',
      deliver: () => {},
      logger: silentLogger,
      mdns: { enabled: false, requireLoopbackOnly: true },
      validateOutputs: true,
      drivers: [new FakeDriver()],
    });
  });
  afterEach(async () => {
    await core.shutdown();
    dir.cleanup();
  });

  const snapshot = async () => ({
    devices: await core.dispatch('devices.list', {}, ctx),
    jobs: await core.dispatch('jobs.list', {}, ctx),
  });

  it.each(COMMAND_NAMES)(
    '%s: answers every invalid payload with INVALID_INPUT and changes nothing',
    async (name) => {
      const before = await snapshot();
      for (const input of [...INVALID_FOR_ALL, ...(NEAR_MISSES[name] ?? [])]) {
        const result = await core.dispatch(name, input, ctx);
        expect(result, `${name} with ${JSON.stringify(input)}`).toMatchObject({
          ok: false,
          error: { code: 'INVALID_INPUT' },
        });
      }
      expect(await snapshot()).toEqual(before);
    },
  );

  it('never throws and never reports INTERNAL, whatever arrives', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...COMMAND_NAMES, 'db.execute', '__proto__', ''),
        fc.jsonValue(),
        async (name, input) => {
          const result = await core.dispatch(name, input, ctx);
          if (!result.ok) expect(result.error.code).not.toBe('INTERNAL');
        },
      ),
      { numRuns: 300 },
    );
  });

  it('rejects names outside the contract', async () => {
    expect(await core.dispatch('db.execute', { sql: 'DROP TABLE jobs' }, ctx)).toMatchObject({
      ok: false,
      error: { code: 'UNKNOWN_COMMAND' },
    });
  });

  it('answers valid calls with contract-shaped outputs', async () => {
    expect(await core.dispatch('app.getInfo', {}, ctx)).toEqual({
      ok: true,
      value: { version: '0.0.0-test', host: 'headless', dataDir: dir.path },
    });
    expect(await core.dispatch('devices.list', {}, ctx)).toEqual({ ok: true, value: [] });
    const status = await core.dispatch('discovery.getStatus', {}, ctx);
    expect(status).toMatchObject({ ok: true, value: { brokers: [], serialPorts: [], scans: [] } });
    expect((status as { value: { sources: { kind: string }[] } }).value.sources.map((s) => s.kind)).toEqual([
      'mqtt',
      'serial',
      'manual',
    ]);
    expect(await core.dispatch('jobs.get', { jobId: 'job_doesnotexist' }, ctx)).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });
    const spec = VALID_SPEC;
    for (const [name, input] of [
      ['jobs.plan', spec],
      ['jobs.start', { spec, confirmDevices: 1 }],
    ] as const) {
      expect(await core.dispatch(name, input, ctx)).toMatchObject({
        ok: false,
        error: { code: 'NOT_FOUND', details: { deviceIds: ['mac:a8032ab12345'] } },
      });
    }
  });
});

describe('dispatcher error mapping', () => {
  const unused = async () => {
    throw new Error('not called in these tests');
  };
  const base = {
    ...(Object.fromEntries(COMMAND_NAMES.map((name) => [name, unused])) as unknown as CommandHandlers),
    'jobs.start': async () => {
      throw new DomainError('CONFLICT', 'busy', { why: 'test' });
    },
    'jobs.list': async () => {
      throw new Error('secret detail /home/user/.ssh');
    },
    'jobs.get': async () => ({ wrong: 'shape' }) as never,
  } satisfies CommandHandlers;
  const dispatch = createDispatcher(base, { logger: silentLogger, validateOutputs: true });
  const spec = {
    version: 1,
    name: 'x',
    targets: { deviceIds: ['mac:a8032ab12345'] },
    steps: [{ action: 'reboot' }],
    policy: {},
  };

  it('passes domain errors through with their code and details', async () => {
    expect(await dispatch('jobs.start', { spec, confirmDevices: 1 }, ctx)).toEqual({
      ok: false,
      error: { code: 'CONFLICT', message: 'busy', details: { why: 'test' } },
    });
  });

  it('hides unexpected errors behind INTERNAL without their message', async () => {
    expect(await dispatch('jobs.list', {}, ctx)).toEqual({
      ok: false,
      error: { code: 'INTERNAL', message: 'internal error' },
    });
  });

  it('catches outputs that break the contract', async () => {
    expect(await dispatch('jobs.get', { jobId: 'job_abcdefgh' }, ctx)).toMatchObject({
      ok: false,
      error: { code: 'INTERNAL' },
    });
  });
});

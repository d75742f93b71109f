import type { CommandName } from '../../shared/ipc/channels';
import type { CommandInput, CommandOutput } from '../../shared/ipc/contract';
import { createAppCore, type AppCore, type AppCoreOptions } from '../../electron/core/app-core';
import type { Result } from '../../shared/ipc/result';
import { silentLogger } from '../../electron/core/logging/json-logger';
import { makeTempDir } from './temp-dir';

const ctx = { host: 'headless' as const };

/** The app core as the headless host builds it, on a temp data dir without mDNS, driven through its dispatcher. */
export interface TestAppCore {
  readonly core: AppCore;
  /** Where the core keeps its database, secrets and artifacts. */
  readonly dataDir: string;
  /** The raw reply, for tests of refusals (bad input goes through as it is). */
  dispatch(name: string, input: unknown): Promise<Result<unknown>>;
  /** The reply's value; an error reply throws with its code and message. */
  call<K extends CommandName>(name: K, input: CommandInput<K>): Promise<CommandOutput<K>>;
  /** Shuts the core down and removes its data dir. */
  close(): Promise<void>;
}

export async function startTestAppCore(options: Partial<AppCoreOptions> = {}): Promise<TestAppCore> {
  const dir = makeTempDir('fieldbatch-core-');
  const core = createAppCore({
    dataDir: dir.path,
    host: 'headless',
    version: 'test',
    deliver: () => {},
    logger: silentLogger,
    mdns: { enabled: false, requireLoopbackOnly: true },
    validateOutputs: true,
    listSerialPorts: async () => [],
    ...options,
  });
  await core.start();
  const dispatch = (name: string, input: unknown) => core.dispatch(name, input, ctx);
  return {
    core,
    dataDir: dir.path,
    dispatch,
    async call<K extends CommandName>(name: K, input: CommandInput<K>): Promise<CommandOutput<K>> {
      const result = await dispatch(name, input);
      if (!result.ok) throw new Error(`${name}: ${result.error.code} ${result.error.message}`);
      return result.value as CommandOutput<K>;
    },
    async close() {
      await core.shutdown();
      dir.cleanup();
    },
  };
}

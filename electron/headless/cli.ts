import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { version } from '../../package.json';
import { createAppCore } from '../core/app-core';
import { isTestMode } from '../core/environment';
import { createJsonLogger } from '../core/logging/json-logger';
import { createAccessToken } from './access-token';
import { CliUsageError, parseHeadlessArgs, USAGE } from './cli-options';
import { HeadlessServer } from './headless-server';

/** `npm run headless`: the core and the IPC contract without Electron, for a browser on this machine. */
async function main(): Promise<void> {
  const options = parseHeadlessArgs(process.argv.slice(2), process.env, process.cwd());
  if (!existsSync(join(options.rendererDir, 'index.html'))) {
    throw new CliUsageError(`no built renderer in ${options.rendererDir}: run \`npm run build\` first`);
  }
  const logger = createJsonLogger({ level: process.env.FIELDBATCH_LOG_LEVEL === 'debug' ? 'debug' : 'info' });
  const testMode = isTestMode(process.env);
  let server: HeadlessServer | null = null;
  const core = createAppCore({
    dataDir: options.dataDir,
    host: 'headless',
    version,
    deliver: (name, payload) => server?.broadcast(name, payload),
    logger,
    mdns: {
      enabled: options.mdnsEnabled,
      interfaceAddress: options.mdnsInterface,
      requireLoopbackOnly: testMode,
    },
    validateOutputs: testMode || process.env.NODE_ENV !== 'production',
    operator: options.operator,
  });
  server = new HeadlessServer({
    bindAddress: options.bindAddress,
    port: options.port,
    rendererDir: options.rendererDir,
    token: createAccessToken(),
    dispatch: core.dispatch,
    logger,
  });
  const { url } = await server.listen();
  if (options.bindAddress !== '127.0.0.1' && options.bindAddress !== '::1') {
    console.warn(
      `WARNING: bound to ${options.bindAddress}: anyone with the token on that network can drive this app`,
    );
  }
  await core.start();
  console.warn(
    `WARNING: secrets (broker and device passwords) are encrypted with the key in ${join(options.dataDir, 'secrets.key')} (mode 0600); anyone who can read that file can read them.`,
  );
  console.log(`Fieldbatch headless host ready: ${url}`);
  const stop = async (signal: string) => {
    logger.info('stopping', { signal });
    await server?.close();
    await core.shutdown();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop('SIGINT'));
  process.once('SIGTERM', () => void stop('SIGTERM'));
}

main().catch((error: unknown) => {
  if (error instanceof CliUsageError) {
    console.error(`fieldbatch headless: ${error.message}\n${USAGE}`);
    process.exit(2);
  }
  console.error('fieldbatch headless failed to start:', error);
  process.exit(1);
});

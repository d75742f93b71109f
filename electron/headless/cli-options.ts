import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { OperatorNameSchema } from '../../shared/domain/audit';

export interface HeadlessCliOptions {
  port: number;
  dataDir: string;
  bindAddress: string;
  rendererDir: string;
  mdnsEnabled: boolean;
  mdnsInterface: string | undefined;
  /** Who works in this session, so the app does not ask (absent: the renderer asks). */
  operator: string | undefined;
}

export class CliUsageError extends Error {
  override name = 'CliUsageError';
}

export const USAGE = `Usage: npm run headless -- --data DIR [--port N] [--bind ADDRESS] [--mdns-interface IPV4] [--no-mdns] [--renderer DIR] [--operator NAME]
  --data DIR              data directory (or FIELDBATCH_DATA_DIR)
  --port N                port to listen on (0 = any free port; default 0)
  --bind ADDRESS          address to bind (default 127.0.0.1; anything else exposes the app to the network)
  --mdns-interface IPV4   browse mDNS only on the NIC with this address (default: all)
  --no-mdns               do not browse mDNS
  --renderer DIR          built renderer to serve (default out/renderer)
  --operator NAME         who works in this session (1-80 characters; default: the app asks)`;

/** Parses argv (and FIELDBATCH_DATA_DIR) or throws CliUsageError with a one-line reason. */
export function parseHeadlessArgs(argv: string[], env: NodeJS.ProcessEnv, cwd: string): HeadlessCliOptions {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        port: { type: 'string', default: '0' },
        data: { type: 'string' },
        bind: { type: 'string', default: '127.0.0.1' },
        'mdns-interface': { type: 'string' },
        'no-mdns': { type: 'boolean', default: false },
        renderer: { type: 'string', default: 'out/renderer' },
        operator: { type: 'string' },
      },
      strict: true,
    }));
  } catch (error) {
    throw new CliUsageError((error as Error).message);
  }
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new CliUsageError(`--port must be 0..65535, got ${values.port}`);
  const dataDir = values.data ?? env.FIELDBATCH_DATA_DIR;
  if (!dataDir) throw new CliUsageError('--data DIR (or FIELDBATCH_DATA_DIR) is required');
  const mdnsInterface = values['mdns-interface'];
  if (mdnsInterface !== undefined && !/^\d{1,3}(\.\d{1,3}){3}$/.test(mdnsInterface)) {
    throw new CliUsageError(`--mdns-interface must be an IPv4 address, got ${mdnsInterface}`);
  }
  const operator = values.operator === undefined ? undefined : OperatorNameSchema.safeParse(values.operator);
  if (operator && !operator.success)
    throw new CliUsageError(`--operator: ${operator.error.issues[0]?.message ?? 'not a name'}`);
  return {
    port,
    dataDir: resolve(cwd, dataDir),
    bindAddress: values.bind,
    rendererDir: resolve(cwd, values.renderer),
    mdnsEnabled: !values['no-mdns'],
    mdnsInterface,
    operator: operator?.data,
  };
}

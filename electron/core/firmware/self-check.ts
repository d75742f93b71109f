import { createServer, get, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { SelfCheck, SelfCheckOutcome, SelfCheckRequest } from '../../../shared/domain/firmware';
import { ipv4Addresses, isLocalAddress, type InterfaceLister } from './interface-addresses';

type Check = SelfCheck['checks'][number];

export interface SelfCheckDeps {
  list: InterfaceLister;
  /** The saved interface (null = all). */
  configuredInterface: string | null;
  configuredPort: number | null;
  /** The running server's bound address and port, or null when it is not listening. */
  listening: { address: string; port: number } | null;
  instanceId: string;
  /** Answers `/health` on a temporary listener where the running server does not serve. */
  handler: (req: IncomingMessage, res: ServerResponse) => void;
  /** Default 1500 ms. */
  timeoutMs?: number;
}

/**
 * Can a device reach the firmware server at the chosen interface's address? For each address: if it is not
 * an address of this machine, say so without sending anything; otherwise fetch `/health` through that very
 * address (from the running server, or a temporary listener on the same port) and expect our instance id.
 */
export async function runSelfCheck(req: SelfCheckRequest, deps: SelfCheckDeps): Promise<SelfCheck> {
  const name = req.interface !== undefined ? req.interface : deps.configuredInterface;
  let loopbackOnly = false;
  let targets: { interface: string | null; address: string }[];
  if (req.address !== undefined) {
    const owner = ipv4Addresses(deps.list).find((a) => a.address === req.address);
    targets = [{ interface: owner?.interface ?? null, address: req.address }];
  } else if (name !== null) {
    targets = ipv4Addresses(deps.list, name);
    if (targets.length === 0) {
      const message = `There is no network interface "${name}" with an IPv4 address on this computer (unplugged or not connected?).`;
      return {
        ok: false,
        checks: [{ interface: name, address: null, port: null, outcome: 'no-interface', message }],
        message,
      };
    }
  } else {
    const all = ipv4Addresses(deps.list);
    targets = all.filter((a) => !a.internal);
    if (targets.length === 0) {
      targets = all;
      loopbackOnly = true;
    }
  }
  const checks: Check[] = [];
  for (const target of targets)
    checks.push({ interface: target.interface, ...(await checkAddress(target.address, deps)) });
  const ok = checks.length > 0 && checks.every((c) => c.outcome === 'reachable');
  const failed = checks.find((c) => c.outcome !== 'reachable');
  let message =
    failed?.message ??
    (checks.length === 0 ? 'This computer has no IPv4 address.' : checks.map((c) => c.message).join(' '));
  if (ok && loopbackOnly)
    message += ' Only loopback exists: devices on the network cannot reach this computer.';
  return { ok, checks, message };
}

async function checkAddress(address: string, deps: SelfCheckDeps): Promise<Omit<Check, 'interface'>> {
  if (!isLocalAddress(deps.list, address)) {
    return {
      address,
      port: null,
      outcome: 'not-local',
      message: `${address} is not an address of this computer, so devices cannot download from it here. Nothing was sent.`,
    };
  }
  const running = deps.listening;
  if (running && (running.address === '0.0.0.0' || running.address === address)) {
    return { address, port: running.port, ...(await probe(address, running.port, deps)) };
  }
  const temp = createServer(deps.handler);
  try {
    await new Promise<void>((resolve, reject) => {
      temp.once('error', reject);
      temp.listen(deps.configuredPort ?? 0, address, () => resolve());
    });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? String(error);
    const why = code === 'EADDRINUSE' ? 'it is in use by another program' : 'the system refused';
    const port = deps.configuredPort;
    return {
      address,
      port,
      outcome: 'bind-failed',
      message: `Could not open port ${port ?? '(any)'} on ${address}: ${why} (${code}).`,
    };
  }
  const port = (temp.address() as AddressInfo).port;
  try {
    return { address, port, ...(await probe(address, port, deps)) };
  } finally {
    temp.closeAllConnections();
    await new Promise<void>((resolve) => temp.close(() => resolve()));
  }
}

/** GET http://address:port/health with a short timeout; only ever called for an address of this machine. */
function probe(
  address: string,
  port: number,
  deps: SelfCheckDeps,
): Promise<{ outcome: SelfCheckOutcome; message: string }> {
  const base = `http://${address}:${port}`;
  const timeoutMs = deps.timeoutMs ?? 1_500;
  return new Promise((resolve) => {
    const req = get({ host: address, port, path: '/health', agent: false, timeout: timeoutMs }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        if (body.length < 4096) body += chunk;
      });
      res.on('end', () => {
        const ours = res.statusCode === 200 && body.includes(`"instance":"${deps.instanceId}"`);
        resolve(
          ours
            ? {
                outcome: 'reachable',
                message: `Devices can download from ${base} (checked through that address).`,
              }
            : {
                outcome: 'wrong-answer',
                message: `Another program answered at ${base}; choose another port.`,
              },
        );
      });
      res.on('error', () =>
        resolve({ outcome: 'unreachable', message: `The answer from ${base} was cut off.` }),
      );
    });
    req.on('timeout', () => {
      req.destroy();
      resolve({
        outcome: 'timeout',
        message: `No answer from ${base} within ${timeoutMs / 1000} s; a firewall may block the port.`,
      });
    });
    req.on('error', (error: NodeJS.ErrnoException) =>
      resolve({
        outcome: 'unreachable',
        message: `Connecting to ${base} failed (${error.code ?? error.message}).`,
      }),
    );
  });
}

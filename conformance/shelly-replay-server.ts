import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AuthCapture, ShellyCapture } from './fixture-files';

/**
 * A loopback HTTP server that answers as one captured Shelly: `GET /shelly` with the captured device info and
 * `POST /rpc` frames with the captured results. Given a captured 401, it first answers exactly as the device
 * did (status, headers, body) and then accepts only a correct digest for `password`, checked here with plain
 * SHA-256 (Shelly Gen2 API docs, "Authentication"), not with the app's digest code.
 */

export interface ReplayOptions {
  capture: ShellyCapture;
  challenge?: { capture: AuthCapture; password: string };
}

export interface Replay {
  port: number;
  /** RPC methods received, in order (`401` marks a refused attempt). */
  calls: string[];
  close(): Promise<void>;
}

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

function results(capture: ShellyCapture): Record<string, unknown> {
  return {
    'Shelly.GetDeviceInfo': capture.deviceInfo,
    'Shelly.GetStatus': capture.status,
    'Shelly.GetConfig': capture.config,
    'Sys.GetStatus': capture.status?.sys,
  };
}

/** `k=v, k="v"` of an Authorization header, split at the first `=` (base64 nonces end in `=`). */
function headerParams(header: string): Map<string, string> {
  const params = new Map<string, string>();
  for (const match of header
    .replace(/^Digest\s+/i, '')
    .matchAll(/([a-z0-9_-]+)=("(?:[^"\\]|\\.)*"|[^,]*)/gi)) {
    params.set(match[1]!.toLowerCase(), match[2]!.replace(/^"|"$/g, '').trim());
  }
  return params;
}

function isAuthorised(
  frame: { auth?: Record<string, unknown> },
  header: string | undefined,
  { capture, password }: NonNullable<ReplayOptions['challenge']>,
): boolean {
  const { realm, nonce, opaque } = capture.expected;
  const ha1 = sha256(`admin:${realm}:${password}`);
  if (frame.auth) {
    const a = frame.auth;
    const ha2 = sha256('dummy_method:dummy_uri');
    const nc = String(a.nc ?? 1);
    const expected = sha256(`${ha1}:${String(a.nonce)}:${nc}:${String(a.cnonce)}:auth:${ha2}`);
    return a.realm === realm && a.nonce === nonce && a.response === expected;
  }
  if (!header) return false;
  const p = headerParams(header);
  const ha2 = sha256(`POST:${p.get('uri')}`);
  const expected = sha256(`${ha1}:${p.get('nonce')}:${p.get('nc')}:${p.get('cnonce')}:auth:${ha2}`);
  const echoesOpaque = opaque === undefined || p.get('opaque') === opaque;
  return (
    p.get('realm') === realm &&
    p.get('nonce') === String(nonce) &&
    p.get('response') === expected &&
    echoesOpaque
  );
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => (body += chunk));
    req.on('end', () => resolve(body));
    req.on('error', reject);
  });
}

function sendJson(res: ServerResponse, status: number, value: unknown): void {
  res.writeHead(status, { 'Content-Type': 'application/json' });
  res.end(JSON.stringify(value));
}

export async function startReplay(options: ReplayOptions): Promise<Replay> {
  const { capture, challenge } = options;
  const calls: string[] = [];
  const byMethod = results(capture);
  const server: Server = createServer((req, res) => {
    void (async () => {
      if (req.method === 'GET' && req.url === '/shelly') return sendJson(res, 200, capture.deviceInfo);
      if (req.method !== 'POST' || req.url !== '/rpc') return sendJson(res, 404, { error: 'not found' });
      const frame = JSON.parse(await readBody(req)) as {
        id: number;
        src?: string;
        method: string;
        auth?: Record<string, unknown>;
      };
      if (challenge && !isAuthorised(frame, req.headers.authorization, challenge)) {
        calls.push(`401 ${frame.method}`);
        const { status, headers, body } = challenge.capture;
        res.writeHead(status ?? 401, headers);
        return res.end(body ?? '');
      }
      calls.push(frame.method);
      const result = byMethod[frame.method];
      const reply = { id: frame.id, src: String(capture.deviceInfo?.id), dst: frame.src };
      if (result === undefined || result === null) {
        return sendJson(res, 200, {
          ...reply,
          error: { code: 404, message: `No handler for ${frame.method}` },
        });
      }
      sendJson(res, 200, { ...reply, result });
    })();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return {
    port,
    calls,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

import { read } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import { promisify } from 'node:util';
import { gzip } from 'node:zlib';
import type { DownloadResult } from '../../../shared/domain/firmware';
import type { Clock, Logger } from '../ports';
import type { DownloadLog } from './download-log';
import type { ServeTokens } from './serve-tokens';
import { SharedBlocks, type BlockCursor } from './shared-blocks';
import type { TokenBucket } from './token-bucket';
import type { JobId } from '../../../shared/domain/job';
import type { VerifiedFiles } from './verified-files';

export interface DownloadHandlerDeps {
  tokens: ServeTokens;
  files: VerifiedFiles;
  log: DownloadLog;
  pathOf: (sha256: string) => string;
  clock: Clock;
  logger: Logger;
  /**
   * Read per request (and per write for the buckets), so new settings apply to downloads in flight: the
   * server's cap and the job's own (a job's firmware bandwidth policy).
   */
  limits: (jobId: JobId) => { maxConcurrent: number; buckets: readonly TokenBucket[] };
  /** Returned by `/health`, so the self-check knows it reached this server and not another program. */
  instanceId: string;
}

/**
 * `/fw/<token>/<sha256>`, or the same with `.gz`: after half of its OTA attempts failed an ESP8266 Tasmota
 * appends `.gz` to OtaUrl (arendst/Tasmota support_tasmota.ino, OTA state machine in Every250mSeconds).
 */
const FW_PATH = /^\/fw\/([^/]+)\/([0-9a-f]{64})(\.gz)?$/;
/** With a bandwidth cap, blocks go out in slices this big, so the pace is smooth. */
const THROTTLED_SLICE = 16 * 1024;
const RETRY_AFTER_S = 5;

const unwrapV4 = (address: string | undefined) => (address ?? '').replace(/^::ffff:/, '');
const readFd = promisify(read);
const gzipAsync = promisify(gzip);

/** The whole verified file, read from the descriptor that was checked. */
async function readAll(fd: number, size: number): Promise<Buffer> {
  const data = Buffer.alloc(size);
  for (let at = 0; at < size;) {
    const { bytesRead } = await readFd(fd, data, at, size - at, at);
    if (bytesRead === 0) throw new Error('firmware file shrank while being read');
    at += bytesRead;
  }
  return data;
}

/** Resolves once the response can take more ('drain') or is gone ('close'). */
function writable(res: ServerResponse): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      res.off('drain', done);
      res.off('close', done);
      resolve();
    };
    res.on('drain', done);
    res.on('close', done);
  });
}

/**
 * `GET /fw/<token>/<sha256>`: the token and image are checked before any file is opened; a full server
 * answers 503 with Retry-After; the file is hashed (cached) before the first byte, then streamed block by
 * block from the descriptor that was checked, with Content-Length, through the shared token bucket when
 * one is set. Blocks are shared between downloads of the same image running at once (SharedBlocks).
 */
export class DownloadHandler {
  private active = 0;
  private readonly inFlight = new Set<Promise<void>>();
  private readonly blocks = new SharedBlocks();
  /** Aborted at shutdown so no download sits out a bandwidth wait. */
  private stopping = new AbortController();
  /** The last `.gz` served, keyed by image and file version. */
  private lastGzip: { key: string; body: Buffer } | undefined;

  constructor(private readonly deps: DownloadHandlerDeps) {}

  get activeDownloads(): number {
    return this.active;
  }

  /** Shared-block and buffer counters (tests, diagnostics). */
  get blockStats(): SharedBlocks['stats'] {
    return this.blocks.stats;
  }

  /** Ends every download in progress (their sockets must be destroyed too) and waits until they are logged. */
  async drain(): Promise<void> {
    this.stopping.abort();
    await Promise.allSettled([...this.inFlight]);
    this.stopping = new AbortController();
  }

  handle(req: IncomingMessage, res: ServerResponse): void {
    const path = (req.url ?? '/').split('?')[0]!;
    if (path === '/health') {
      res.writeHead(200, { 'content-type': 'application/json', 'cache-control': 'no-store' });
      res.end(JSON.stringify({ service: 'fieldbatch-firmware', instance: this.deps.instanceId }));
      return;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { allow: 'GET, HEAD' }).end();
      return;
    }
    const match = FW_PATH.exec(path);
    const grant = match ? this.deps.tokens.lookup(match[1]!, match[2]!) : null;
    if (!match || !grant) {
      this.deps.logger.debug('firmware request refused: unknown token or image', {
        remote: unwrapV4(req.socket.remoteAddress),
      });
      res.writeHead(404, { 'content-type': 'text/plain' }).end('Not Found');
      return;
    }
    const started = this.deps.clock.now();
    const sha256 = match[2]!;
    const remote = unwrapV4(req.socket.remoteAddress);
    let recorded = false;
    const finish = (result: DownloadResult, bytes: number) => {
      if (recorded || req.method !== 'GET') return;
      recorded = true;
      const at = this.deps.clock.now();
      const { jobId, devices: granted } = grant;
      this.deps.log.record({ sha256, jobId, remote, granted, bytes, durationMs: at - started, result, at });
    };
    if (this.active >= this.deps.limits(grant.jobId).maxConcurrent) {
      res.writeHead(503, { 'retry-after': String(RETRY_AFTER_S), 'content-type': 'text/plain' });
      res.end('Busy: too many downloads at once');
      finish('refused', 0);
      return;
    }
    this.active++;
    res.once('close', () => this.active--);
    const serving =
      match[3] === '.gz'
        ? this.serveGzip(req, res, sha256, grant.jobId, finish)
        : this.serve(req, res, sha256, grant.jobId, finish);
    const done = serving.catch((error: unknown) => {
      this.deps.logger.error('firmware download failed', { sha256, error: String(error) });
      if (!res.headersSent) res.writeHead(500).end();
      else res.destroy();
      finish('aborted', 0);
    });
    this.inFlight.add(done);
    void done.finally(() => this.inFlight.delete(done));
  }

  private async serve(
    req: IncomingMessage,
    res: ServerResponse,
    sha256: string,
    jobId: JobId,
    finish: (result: DownloadResult, bytes: number) => void,
  ): Promise<void> {
    const opened = await this.deps.files.open(sha256, this.deps.pathOf(sha256));
    if (!opened.ok) return this.refuse(opened.problem, sha256, res, finish);
    res.writeHead(200, {
      'content-type': 'application/octet-stream',
      'content-length': String(opened.size),
      'cache-control': 'no-store',
    });
    if (req.method === 'HEAD' || res.destroyed) {
      await opened.close();
      res.end();
      return;
    }
    const cursor = this.blocks.open(`${sha256}@${opened.version}`, opened.fd, opened.size);
    try {
      const { sent, complete } = await this.send(res, cursor, jobId);
      finish(complete && sent === opened.size ? 'complete' : 'aborted', sent);
    } finally {
      cursor.close();
    }
  }

  /** A stored file that is gone or no longer matches its hash is never sent, plain or gzipped. */
  private refuse(
    problem: 'missing' | 'mismatch',
    sha256: string,
    res: ServerResponse,
    finish: (result: DownloadResult, bytes: number) => void,
  ): void {
    const missing = problem === 'missing';
    this.deps.logger.error(
      missing ? 'firmware file missing from the library' : 'firmware file does not match its hash: refused',
      { sha256 },
    );
    res.writeHead(missing ? 404 : 500, { 'content-type': 'text/plain' });
    res.end(missing ? 'Not Found' : 'Image failed its integrity check');
    finish('refused', 0);
  }

  /**
   * `<url>.gz`: the same verified image, gzipped on the fly (a stored `.bin.gz` goes out as it is, never
   * gzipped twice), with Content-Length (ESP8266httpUpdate refuses a reply without it). The last result is
   * kept, since a fleet of ESP8266s asks for the same `.gz` in turn; the bandwidth caps still apply.
   */
  private async serveGzip(
    req: IncomingMessage,
    res: ServerResponse,
    sha256: string,
    jobId: JobId,
    finish: (result: DownloadResult, bytes: number) => void,
  ): Promise<void> {
    const opened = await this.deps.files.open(sha256, this.deps.pathOf(sha256));
    if (!opened.ok) return this.refuse(opened.problem, sha256, res, finish);
    const key = `${sha256}@${opened.version}`;
    let body: Buffer;
    try {
      if (this.lastGzip?.key === key) body = this.lastGzip.body;
      else {
        const data = await readAll(opened.fd, opened.size);
        body = data[0] === 0x1f && data[1] === 0x8b ? data : await gzipAsync(data, { level: 9 });
        this.lastGzip = { key, body };
      }
    } finally {
      await opened.close();
    }
    res.writeHead(200, {
      'content-type': 'application/octet-stream',
      'content-length': String(body.length),
      'cache-control': 'no-store',
    });
    if (req.method === 'HEAD' || res.destroyed) {
      res.end();
      return;
    }
    const wait = Math.max(0, ...this.deps.limits(jobId).buckets.map((b) => b.reserve(body.length)));
    if (wait > 0) await sleep(wait, undefined, { signal: this.stopping.signal }).catch(() => undefined);
    if (res.destroyed || this.stopping.signal.aborted) {
      res.destroy();
      finish('aborted', 0);
      return;
    }
    await new Promise<void>((resolve) => {
      res.once('close', resolve);
      res.end(body, resolve);
    });
    finish(res.writableFinished ? 'complete' : 'aborted', res.writableFinished ? body.length : 0);
  }

  /**
   * Writes every block, honouring backpressure and the bucket. `sent` counts bytes handed to the connection
   * (for a download cut short, less what was still queued); `complete` once the response finished.
   */
  private async send(
    res: ServerResponse,
    cursor: BlockCursor,
    jobId: JobId,
  ): Promise<{ sent: number; complete: boolean }> {
    let sent = 0;
    const cut = () => ({ sent: Math.max(0, sent - res.writableLength), complete: false });
    // A write still queued when the device breaks off may never be called back: its block is released when
    // the response closes instead (once: whichever comes first).
    const inFlight = new Set<{ block: Buffer }>();
    res.once('close', () => {
      for (const write of inFlight) cursor.done(write.block);
      inFlight.clear();
    });
    for (let block = await cursor.next(); block !== null; block = await cursor.next()) {
      try {
        const throttled = this.deps.limits(jobId).buckets.length > 0;
        for (let at = 0; at < block.length;) {
          if (res.destroyed) return cut();
          const piece = throttled ? block.subarray(at, at + THROTTLED_SLICE) : block;
          const wait = Math.max(0, ...this.deps.limits(jobId).buckets.map((b) => b.reserve(piece.length)));
          if (wait > 0) await sleep(wait, undefined, { signal: this.stopping.signal }).catch(() => undefined);
          if (res.destroyed || this.stopping.signal.aborted) return cut();
          at += piece.length;
          sent += piece.length;
          // The socket may still hold the bytes after write() returns: keep the block until its callback.
          const write = { block };
          cursor.retain(block);
          inFlight.add(write);
          const written = res.write(piece, () => {
            if (inFlight.delete(write)) cursor.done(write.block);
          });
          if (!written) await writable(res);
        }
      } finally {
        cursor.done(block);
      }
    }
    if (res.destroyed) return cut();
    await new Promise<void>((resolve) => {
      res.once('close', resolve);
      res.end(resolve);
    });
    return res.writableFinished ? { sent, complete: true } : cut();
  }
}

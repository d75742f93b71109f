import { createHash } from 'node:crypto';
import { close, createReadStream, fstat, open } from 'node:fs';
import { promisify } from 'node:util';

const openFile = promisify(open);
const statFd = promisify(fstat);
const closeFd = promisify(close);

/** A checked library file, open for serving: whoever takes `fd` must close it (or call `close`). */
export interface VerifiedImage {
  fd: number;
  size: number;
  /** Identifies this version of the file (inode, size, mtime). */
  version: string;
  close(): Promise<void>;
}

export type OpenedImage = ({ ok: true } & VerifiedImage) | { ok: false; problem: 'missing' | 'mismatch' };

/**
 * Opens library files for serving and checks each file's SHA-256 against its name before the first byte
 * goes out. A verdict is cached per file version (inode, size, mtime), so an image is hashed once per
 * server start and again only if the file changes; concurrent first requests share one hashing pass. The
 * descriptor that was checked is the one served from. Plain descriptors rather than FileHandle streams:
 * those cost two to three times the CPU per chunk (measured for bench/firmware-server.ts).
 */
export class VerifiedFiles {
  private readonly verdicts = new Map<string, { version: string; ok: boolean }>();
  private readonly pending = new Map<string, Promise<boolean>>();

  async open(sha256: string, path: string): Promise<OpenedImage> {
    let fd: number;
    try {
      fd = await openFile(path, 'r');
    } catch {
      return { ok: false, problem: 'missing' };
    }
    try {
      const stat = await statFd(fd);
      const version = `${stat.ino}:${stat.size}:${stat.mtimeMs}`;
      if (!(await this.verdict(sha256, version, fd))) {
        await closeFd(fd);
        return { ok: false, problem: 'mismatch' };
      }
      return { ok: true, fd, size: stat.size, version, close: () => closeFd(fd) };
    } catch (error) {
      await closeFd(fd).catch(() => undefined);
      throw error;
    }
  }

  /** Checks without serving (the provider, before it hands out a URL). */
  async check(sha256: string, path: string): Promise<'ok' | 'missing' | 'mismatch'> {
    const opened = await this.open(sha256, path);
    if (!opened.ok) return opened.problem;
    await opened.close();
    return 'ok';
  }

  private async verdict(sha256: string, version: string, fd: number): Promise<boolean> {
    const cached = this.verdicts.get(sha256);
    if (cached?.version === version) return cached.ok;
    const key = `${sha256}@${version}`;
    let running = this.pending.get(key);
    if (!running) {
      running = hashOf(fd).then((actual) => {
        this.verdicts.set(sha256, { version, ok: actual === sha256 });
        return actual === sha256;
      });
      this.pending.set(key, running);
      void running.finally(() => this.pending.delete(key)).catch(() => undefined);
    }
    return running;
  }
}

async function hashOf(fd: number): Promise<string> {
  const hash = createHash('sha256');
  const stream = createReadStream('', { fd, start: 0, autoClose: false, highWaterMark: 1 << 20 });
  for await (const chunk of stream) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

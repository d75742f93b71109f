import { createHash } from 'node:crypto';
import { get, type IncomingHttpHeaders, type IncomingMessage } from 'node:http';
import { join } from 'node:path';
import type { DeviceId } from '../../shared/domain/device';
import type { FinishUpload, FinishUploadResult } from '../../shared/domain/firmware';
import type { MatchableDevice } from '../../shared/domain/firmware-match';
import { createRandomIdSource } from '../../electron/core/ids';
import type { Logger, LogFields } from '../../electron/core/ports';
import { openDatabase, type Db } from '../../electron/core/storage/database';
import { FirmwareRepository } from '../../electron/core/storage/repositories/firmware-repository';
import { makeTempDir } from '../core/temp-dir';
import { createFirmwareModule, type FirmwareModule } from '../../electron/core/firmware/firmware-module';

/** Test support for the firmware integration tests: a temp data dir, a real DB file, the module on it. */
export interface FirmwareKit {
  dir: string;
  db: Db;
  fw: FirmwareModule;
  repo: FirmwareRepository;
  logs: { level: string; message: string; fields?: LogFields }[];
  /** Moves the injected clock forward (abandoned uploads). */
  advance(ms: number): void;
  importBytes(
    fileName: string,
    data: Buffer,
    meta?: Omit<FinishUpload, 'uploadId'>,
    chunk?: number,
  ): Promise<FinishUploadResult>;
  /** Closes module and DB and opens them again on the same data dir (a restart). */
  restart(): Promise<void>;
  close(): Promise<void>;
}

export interface KitOptions {
  /** Serve on this interface (default `lo`: 127.0.0.1 only) and start the server. */
  serve?: boolean;
  inUse?: (sha256: string) => boolean;
  device?: (id: DeviceId) => MatchableDevice | null;
}

export async function createFirmwareKit(options: KitOptions = {}): Promise<FirmwareKit> {
  const temp = makeTempDir('fieldbatch-fw-');
  let offset = 0;
  const clock = { now: () => Date.now() + offset };
  const logs: FirmwareKit['logs'] = [];
  const logger: Logger = {
    debug: (message, fields) => void logs.push({ level: 'debug', message, fields }),
    info: (message, fields) => void logs.push({ level: 'info', message, fields }),
    warn: (message, fields) => void logs.push({ level: 'warn', message, fields }),
    error: (message, fields) => void logs.push({ level: 'error', message, fields }),
  };
  const open = async () => {
    const db = openDatabase({ file: join(temp.path, 'fieldbatch.db'), logger, now: clock.now });
    const fw = createFirmwareModule({
      dataDir: temp.path,
      db,
      clock,
      ids: createRandomIdSource(),
      logger,
      inUse: options.inUse ?? (() => false),
      device: options.device ?? (() => null),
    });
    if (options.serve !== false) {
      await fw.server.updateSettings({ interface: 'lo' });
      await fw.start();
    }
    return { db, fw, repo: new FirmwareRepository(db) };
  };
  let current = await open();
  const kit: FirmwareKit = {
    dir: temp.path,
    ...current,
    logs,
    advance: (ms) => void (offset += ms),
    async importBytes(fileName, data, meta = {}, chunk = 256 * 1024) {
      const { uploadId } = await kit.fw.library.beginUpload({ fileName, size: data.length });
      for (let at = 0; at < data.length; at += chunk) {
        const part = data.subarray(at, at + chunk);
        await kit.fw.library.uploadChunk({ uploadId, offset: at, dataBase64: part.toString('base64') });
      }
      return kit.fw.library.finishUpload({ uploadId, ...meta });
    },
    async restart() {
      await kit.fw.close();
      kit.db.close();
      current = await open();
      Object.assign(kit, current);
    },
    async close() {
      await kit.fw.close();
      kit.db.close();
      temp.cleanup();
    },
  };
  return kit;
}

export interface Fetched {
  status: number;
  headers: IncomingHttpHeaders;
  bytes: number;
  sha256: string;
  text: string;
}

/**
 * GETs a URL on loopback, hashing the body as it streams (never holding it). `onResponse` may pause the
 * response to hold the download open; the promise settles when the body ends or the connection breaks.
 */
export function fetchBytes(url: string, onResponse?: (res: IncomingMessage) => void): Promise<Fetched> {
  return new Promise((resolve, reject) => {
    const req = get(url, { agent: false }, (res) => {
      const hash = createHash('sha256');
      let bytes = 0;
      let text = '';
      res.on('data', (chunk: Buffer) => {
        hash.update(chunk);
        bytes += chunk.length;
        if (text.length < 200) text += chunk.toString('latin1');
      });
      let ended = false;
      res.on('end', () => {
        ended = true;
        const digest = hash.digest('hex');
        resolve({ status: res.statusCode ?? 0, headers: res.headers, bytes, sha256: digest, text });
      });
      res.on('close', () => {
        if (!ended) reject(new Error(`connection closed after ${bytes} bytes`));
      });
      onResponse?.(res);
    });
    req.on('error', reject);
  });
}

import http from 'node:http';
import { isLoopbackHost } from '../net/loopback';
import { MAX_MANIFEST_BYTES, MAX_PAYLOAD_BYTES } from './firmware-image';

export interface DownloadOptions {
  /** Whole download must finish within this. Default 60 s. */
  timeoutMs?: number;
  /** Called with 0..100 as bytes arrive (only when the server sends Content-Length). */
  onProgress?: (percent: number) => void;
  /** `ota-download-error` fault: the connection is cut once this fraction (0..1) has arrived. */
  failAtFraction?: number;
}

export type DownloadResult = { ok: true; data: Buffer } | { ok: false; reason: string; httpStatus?: number };

const MAX_IMAGE_BYTES = MAX_PAYLOAD_BYTES + MAX_MANIFEST_BYTES + 64;

/**
 * Really fetches the image over plain HTTP (as an ESP8266 Tasmota or a Shelly given `url` would). Never
 * rejects: every failure is a value, so a device's OTA state machine cannot crash on a bad server. Hosts
 * off this machine are never contacted ('connection failed').
 */
export function downloadFirmware(url: string, options: DownloadOptions = {}): Promise<DownloadResult> {
  const { timeoutMs = 60_000, onProgress, failAtFraction } = options;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return Promise.resolve({ ok: false, reason: 'invalid url' });
  }
  if (parsed.protocol !== 'http:') return Promise.resolve({ ok: false, reason: 'unsupported scheme' });
  if (!isLoopbackHost(parsed.hostname)) return Promise.resolve({ ok: false, reason: 'connection failed' });
  return new Promise((resolve) => {
    let settled = false;
    const finish = (result: DownloadResult): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(result);
    };
    const req = http.get(parsed, { agent: false }, (res) => {
      const status = res.statusCode ?? 0;
      if (status !== 200) {
        res.resume();
        return finish({ ok: false, reason: `HTTP error code ${status}`, httpStatus: status });
      }
      const total = Number(res.headers['content-length'] ?? NaN);
      const chunks: Buffer[] = [];
      let received = 0;
      let lastPercent = -1;
      res.on('data', (chunk: Buffer) => {
        received += chunk.length;
        chunks.push(chunk);
        if (received > MAX_IMAGE_BYTES) {
          req.destroy();
          return finish({ ok: false, reason: 'image too large' });
        }
        if (Number.isFinite(total) && total > 0) {
          const fraction = received / total;
          if (failAtFraction !== undefined && fraction >= failAtFraction && fraction < 1) {
            req.destroy();
            return finish({ ok: false, reason: 'connection lost' });
          }
          const percent = Math.min(100, Math.floor(fraction * 100));
          if (percent !== lastPercent) onProgress?.(percent);
          lastPercent = percent;
        }
      });
      res.on('end', () => {
        if (failAtFraction !== undefined && !Number.isFinite(total)) {
          return finish({ ok: false, reason: 'connection lost' });
        }
        finish({ ok: true, data: Buffer.concat(chunks) });
      });
      res.on('error', () => finish({ ok: false, reason: 'connection lost' }));
      res.on('aborted', () => finish({ ok: false, reason: 'connection lost' }));
    });
    req.on('error', (error: NodeJS.ErrnoException) =>
      finish({
        ok: false,
        reason: error.code === 'ECONNREFUSED' ? 'connection refused' : 'connection failed',
      }),
    );
    const timer = setTimeout(() => {
      req.destroy();
      finish({ ok: false, reason: 'timeout' });
    }, timeoutMs);
  });
}

import http from 'node:http';
import { isLoopbackHost } from '../net/loopback';

export interface DownloadOptions {
  /** Whole download must finish within this. Default 60 s. */
  timeoutMs?: number;
  /** Called with 0..100 as bytes arrive (only when the server sends Content-Length). */
  onProgress?: (percent: number) => void;
  /** `ota-download-error` fault: the connection is cut once this fraction (0..1) has arrived. */
  failAtFraction?: number;
}

/** Why a download failed, for each device family to put in its own words. */
export type DownloadFailure =
  | 'invalid-url'
  | 'unsupported-scheme'
  | 'refused'
  | 'unreachable'
  | 'http-status'
  | 'lost'
  | 'timeout'
  | 'too-large';

export type DownloadResult =
  | { ok: true; data: Buffer; /** the server sent Content-Length */ hasLength: boolean }
  | { ok: false; failure: DownloadFailure; reason: string; httpStatus?: number };

/** Devices refuse files larger than this (a 4 MB flash holds no bigger OTA slot). */
export const MAX_IMAGE_BYTES = 8 * 1024 * 1024;

const fail = (failure: DownloadFailure, reason: string, httpStatus?: number): DownloadResult => ({
  ok: false,
  failure,
  reason,
  ...(httpStatus !== undefined ? { httpStatus } : {}),
});

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
    return Promise.resolve(fail('invalid-url', 'invalid url'));
  }
  if (parsed.protocol !== 'http:') return Promise.resolve(fail('unsupported-scheme', 'unsupported scheme'));
  if (!isLoopbackHost(parsed.hostname)) return Promise.resolve(fail('unreachable', 'connection failed'));
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
        return finish(fail('http-status', `HTTP error code ${status}`, status));
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
          return finish(fail('too-large', 'image too large'));
        }
        if (Number.isFinite(total) && total > 0) {
          const fraction = received / total;
          if (failAtFraction !== undefined && fraction >= failAtFraction && fraction < 1) {
            req.destroy();
            return finish(fail('lost', 'connection lost'));
          }
          const percent = Math.min(100, Math.floor(fraction * 100));
          if (percent !== lastPercent) onProgress?.(percent);
          lastPercent = percent;
        }
      });
      res.on('end', () => {
        if (failAtFraction !== undefined && !Number.isFinite(total)) {
          return finish(fail('lost', 'connection lost'));
        }
        finish({ ok: true, data: Buffer.concat(chunks), hasLength: Number.isFinite(total) });
      });
      res.on('error', () => finish(fail('lost', 'connection lost')));
      res.on('aborted', () => finish(fail('lost', 'connection lost')));
    });
    req.on('error', (error: NodeJS.ErrnoException) =>
      finish(
        error.code === 'ECONNREFUSED'
          ? fail('refused', 'connection refused')
          : fail('unreachable', 'connection failed'),
      ),
    );
    const timer = setTimeout(() => {
      req.destroy();
      finish(fail('timeout', 'timeout'));
    }, timeoutMs);
  });
}

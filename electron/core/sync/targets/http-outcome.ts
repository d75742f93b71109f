import type { IncomingHttpHeaders } from 'node:http';
import type { DeliveryOutcome } from '../sync-target';
import { WebRequestError } from './web-request';

/** A failed delivery. */
export type DeliveryFailure = Extract<DeliveryOutcome, { ok: false }>;

/**
 * `Retry-After` in ms from `now`: delay-seconds or an HTTP-date (RFC 9110 §10.2.3). A date in the past
 * means "now" (0); anything unreadable is ignored (undefined), so the worker's own back-off applies.
 */
export function retryAfterMs(value: string | string[] | undefined, now: number): number | undefined {
  const text = (Array.isArray(value) ? value[0] : value)?.trim();
  if (!text) return undefined;
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  const at = Date.parse(text);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

/**
 * Which replies are worth sending again: 5xx (the server's trouble), 408 (it gave up waiting for us) and
 * 429 (too many requests, come back later). Every other 4xx says the request itself is wrong (bad token,
 * unknown path, a body it refuses): sending it again unchanged cannot help.
 */
export function isRetryableStatus(status: number): boolean {
  return status >= 500 || status === 408 || status === 429;
}

/** A non-2xx reply as a failed delivery of the whole batch, in words a technician can act on. */
export function failedReply(
  status: number,
  headers: IncomingHttpHeaders,
  now: number,
  what: string,
): DeliveryFailure {
  const retryable = isRetryableStatus(status);
  const wait = retryable ? retryAfterMs(headers['retry-after'], now) : undefined;
  return {
    ok: false,
    delivered: 0,
    retryable,
    ...(wait === undefined ? {} : { retryAfterMs: wait }),
    message: `${what} answered HTTP ${status}${hintFor(status)}`,
  };
}

/** No reply at all: worth another try (timeout, refused, reset) unless TLS refused the server (settings). */
export function failedRequest(error: unknown): DeliveryFailure {
  const message =
    error instanceof WebRequestError ? error.message : error instanceof Error ? error.message : String(error);
  const retryable = !(error instanceof WebRequestError && error.reason === 'tls');
  return { ok: false, delivered: 0, retryable, message };
}

function hintFor(status: number): string {
  if (status === 401 || status === 403) return ': check the credentials';
  if (status === 404) return ': check the URL';
  if (status === 408 || status === 429) return ': it asked to try later';
  if (status >= 500) return ': the server has a problem';
  if (status >= 300 && status < 400) return ': redirects are not followed, check the URL';
  return '';
}

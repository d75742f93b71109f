import { createHash } from 'node:crypto';
import type { Clock } from '../../ports';
import type { DeliveryOutcome, OutboxRecord, SyncTarget } from '../sync-target';
import { assertEncryptedLink } from './encrypted-link';
import { failedReply, failedRequest } from './http-outcome';
import { webRequest } from './web-request';

export interface HttpsTargetOptions {
  id: string;
  /** Batches are POSTed here. */
  url: string;
  /** Extra headers (not secrets). */
  headers?: Record<string, string>;
  /** Sent as `Authorization: Bearer <token>` when set. */
  token?: string | null;
  /** PEM of the CA that signed the server's certificate; absent: the system's CAs. */
  caPem?: string | null;
  clock: Clock;
  /** Budget per POST. Default 15 s. */
  timeoutMs?: number;
}

/**
 * The idempotency key of a batch: the same records give the same key on every retry, so a server that
 * stored the first POST (and only lost its reply on the way back) answers the retry without applying it
 * twice. Sent as an sf-string, as draft-ietf-httpapi-idempotency-key-header-07 §2 defines the field.
 */
export function idempotencyKeyOf(batch: readonly OutboxRecord[]): string {
  const hash = createHash('sha256');
  for (const record of batch) hash.update(record.id).update('\n');
  return hash.digest('hex');
}

/**
 * POSTs each batch as a JSON array of records (`id`, `kind`, `at`, `body`) with an `Idempotency-Key`. A 2xx
 * acknowledges the whole batch. 5xx, 408, 429, timeouts and network errors are retried (honouring
 * `Retry-After`), every other 4xx is not (see http-outcome.ts). The receiver dedups by record id too.
 */
export class HttpsTarget implements SyncTarget {
  readonly kind = 'https' as const;
  readonly id: string;

  constructor(private readonly options: HttpsTargetOptions) {
    assertEncryptedLink(options.url);
    this.id = options.id;
  }

  async deliver(batch: readonly OutboxRecord[], signal: AbortSignal): Promise<DeliveryOutcome> {
    if (batch.length === 0) return { ok: true };
    const { url, headers, token, caPem, clock } = this.options;
    try {
      const reply = await webRequest({
        method: 'POST',
        url,
        headers: {
          ...headers,
          ...(token ? { authorization: `Bearer ${token}` } : {}),
          'idempotency-key': `"${idempotencyKeyOf(batch)}"`,
        },
        body: JSON.stringify(batch.map(({ id, kind, at, body }) => ({ id, kind, at, body }))),
        caPem,
        timeoutMs: this.options.timeoutMs ?? 15_000,
        signal,
      });
      if (reply.status >= 200 && reply.status < 300) return { ok: true };
      return failedReply(reply.status, reply.headers, clock.now(), new URL(url).host);
    } catch (error) {
      if (signal.aborted) throw error;
      return failedRequest(error);
    }
  }

  async close(): Promise<void> {
    // Nothing is kept open between batches.
  }
}

import { z } from 'zod';
import type { Clock } from '../../ports';
import type { DeliveryOutcome, OutboxRecord, SyncTarget } from '../sync-target';
import { assertEncryptedLink } from './encrypted-link';
import { failedReply, failedRequest } from './http-outcome';
import { webRequest, type WebReply } from './web-request';

export interface HawkbitTargetOptions {
  id: string;
  /** Server root; the Management API is `<baseUrl>/rest/v1/`. */
  baseUrl: string;
  auth: { mode: 'basic'; username: string; password: string } | { mode: 'bearer'; token: string };
  /** hawkBit controllerId = prefix + Fieldbatch device id. */
  controllerIdPrefix: string;
  /** Distribution sets are looked up by this name and the version; null: by version alone. */
  distributionSetName: string | null;
  caPem?: string | null;
  clock: Clock;
  /** Budget per request. Default 15 s. */
  timeoutMs?: number;
}

/**
 * What this target reads of a `job.execution` record: the device and the firmware version it runs after a
 * successful firmware step (`firmware` is null for executions without one).
 */
const FirmwareExecutionSchema = z.object({
  deviceId: z.string().min(1),
  state: z.string(),
  firmware: z
    .object({ version: z.string().min(1) })
    .nullable()
    .optional(),
});

/** The firmware a record says was installed on site, or null when it is nothing for hawkBit. */
export function installedFirmware(record: OutboxRecord): { deviceId: string; version: string } | null {
  if (record.kind !== 'job.execution') return null;
  const body = FirmwareExecutionSchema.safeParse(record.body);
  if (!body.success || body.data.state !== 'succeeded' || !body.data.firmware) return null;
  return { deviceId: body.data.deviceId, version: body.data.firmware.version };
}

/** hawkBit's paged list (Management API `PagedList`): `content`, `total`, `size`. */
const DistributionSetPageSchema = z.object({
  content: z.array(z.object({ id: z.number().int(), name: z.string(), version: z.string() })),
  total: z.number().int(),
});

/** A refusal retrying cannot fix; `delivered` records before it were reported. */
class NotRetryable extends Error {}

/**
 * Reports firmware installed on site to Eclipse hawkBit as *offline* assignments through the Management
 * API (docs/hawkbit.md says why not DDI): per record, the distribution set is looked up by name and version
 * (`GET /rest/v1/distributionsets?q=...`), then `POST /rest/v1/targets/{controllerId}/assignedDS?offline=true`
 * with `[{"id": <ds id>}]` adds a completed action to the target's history and sets it in sync
 * (hawkBit MgmtTargetRestApi.postAssignedDistributionSet). Every other record is acknowledged as
 * nothing to do. A missing distribution set or target is not retryable: it needs someone in hawkBit.
 */
export class HawkbitTarget implements SyncTarget {
  readonly kind = 'hawkbit' as const;
  readonly id: string;
  private readonly setIds = new Map<string, number>();

  constructor(private readonly options: HawkbitTargetOptions) {
    assertEncryptedLink(options.baseUrl);
    this.id = options.id;
  }

  async deliver(batch: readonly OutboxRecord[], signal: AbortSignal): Promise<DeliveryOutcome> {
    for (const [index, record] of batch.entries()) {
      const installed = installedFirmware(record);
      if (!installed) continue;
      try {
        const outcome = await this.report(installed, signal);
        if (!outcome.ok) return { ...outcome, delivered: index };
      } catch (error) {
        if (signal.aborted) throw error;
        if (error instanceof NotRetryable)
          return { ok: false, delivered: index, retryable: false, message: error.message };
        return { ...failedRequest(error), delivered: index };
      }
    }
    return { ok: true };
  }

  async close(): Promise<void> {
    // Nothing is kept open between batches.
  }

  private async report(
    installed: { deviceId: string; version: string },
    signal: AbortSignal,
  ): Promise<DeliveryOutcome> {
    const setId = await this.distributionSetId(installed.version, signal);
    if (typeof setId !== 'number') return setId;
    const controllerId = `${this.options.controllerIdPrefix}${installed.deviceId}`;
    const reply = await this.call(
      'POST',
      `/rest/v1/targets/${encodeURIComponent(controllerId)}/assignedDS?offline=true`,
      signal,
      JSON.stringify([{ id: setId }]),
    );
    if (reply.status === 404)
      throw new NotRetryable(
        `hawkBit has no target "${controllerId}": register the device there, then Sync now`,
      );
    return this.accepted(reply);
  }

  /** The set's id (cached per version), or the failed reply. */
  private async distributionSetId(version: string, signal: AbortSignal): Promise<number | DeliveryOutcome> {
    const cached = this.setIds.get(version);
    if (cached !== undefined) return cached;
    const { distributionSetName: name } = this.options;
    // FIQL with quoted values, so dots, spaces and commas in versions stay literal.
    const query = [...(name ? [`name==${quoted(name)}`] : []), `version==${quoted(version)}`].join(';');
    const reply = await this.call(
      'GET',
      `/rest/v1/distributionsets?limit=2&q=${encodeURIComponent(query)}`,
      signal,
    );
    const failed = this.accepted(reply);
    if (!failed.ok) return failed;
    const page = DistributionSetPageSchema.safeParse(safeJson(reply.text));
    if (!page.success) throw new NotRetryable('hawkBit sent a distribution set list Fieldbatch cannot read');
    const label = name ? `"${name}" version ${version}` : `version ${version}`;
    if (page.data.content.length === 0)
      throw new NotRetryable(`hawkBit has no distribution set ${label}: create it, then Sync now`);
    if (page.data.total > 1)
      throw new NotRetryable(
        `hawkBit has ${page.data.total} distribution sets with ${label}: name one in the target settings`,
      );
    const id = page.data.content[0]!.id;
    this.setIds.set(version, id);
    return id;
  }

  private accepted(reply: WebReply): DeliveryOutcome {
    if (reply.status >= 200 && reply.status < 300) return { ok: true };
    return failedReply(reply.status, reply.headers, this.options.clock.now(), 'hawkBit');
  }

  private call(method: 'GET' | 'POST', path: string, signal: AbortSignal, body?: string): Promise<WebReply> {
    const { auth, baseUrl, caPem } = this.options;
    const authorization =
      auth.mode === 'basic'
        ? `Basic ${Buffer.from(`${auth.username}:${auth.password}`).toString('base64')}`
        : `Bearer ${auth.token}`;
    return webRequest({
      method,
      url: `${baseUrl.replace(/\/+$/, '')}${path}`,
      headers: { authorization },
      body,
      caPem,
      timeoutMs: this.options.timeoutMs ?? 15_000,
      signal,
    });
  }
}

function quoted(value: string): string {
  return `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

import { z } from 'zod';
import { DeviceError } from '../../device-error';

/** Pure codecs for Shelly Gen2+ JSON-RPC frames (PROTOCOLS.md §1.2–1.4). No I/O here. */

export interface RpcRequestFrame {
  jsonrpc: '2.0';
  id: number;
  src: string;
  method: string;
  params?: Record<string, unknown>;
}

export function buildRequest(
  id: number,
  src: string,
  method: string,
  params?: Record<string, unknown>,
): RpcRequestFrame {
  return params === undefined
    ? { jsonrpc: '2.0', id, src, method }
    : { jsonrpc: '2.0', id, src, method, params };
}

const RpcErrorSchema = z.object({ code: z.number(), message: z.string().optional().default('') });

const ResponseFrameSchema = z
  .object({ id: z.union([z.number(), z.string()]).nullable().optional(), error: RpcErrorSchema.optional() })
  .passthrough()
  .refine((frame) => 'result' in frame || frame.error !== undefined, 'neither result nor error');

export class ShellyRpcError extends DeviceError {
  constructor(
    readonly code: number,
    readonly rpcMessage: string,
    method: string,
  ) {
    super('device-error', `${method} failed: ${code} ${rpcMessage}`.trim());
  }
}

/** Parses a reply body into the frame's `result`; throws ShellyRpcError for an error frame, bad-reply otherwise. */
export function parseResponse(body: string, expectedId: number, method: string): unknown {
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    throw new DeviceError('bad-reply', `${method}: reply is not JSON (${JSON.stringify(body.slice(0, 60))})`);
  }
  const frame = ResponseFrameSchema.safeParse(json);
  if (!frame.success) throw new DeviceError('bad-reply', `${method}: reply is not a JSON-RPC frame`);
  const { error, id } = frame.data;
  if (error) throw new ShellyRpcError(error.code, error.message, method);
  if (id !== expectedId) {
    throw new DeviceError('bad-reply', `${method}: reply id ${String(id)} does not match ${expectedId}`);
  }
  return (frame.data as { result: unknown }).result;
}

export const DeviceInfoSchema = z
  .object({
    id: z.string().min(1),
    mac: z.string().regex(/^[0-9A-Fa-f]{12}$/),
    model: z.string().min(1),
    gen: z.number().int().min(2),
    fw_id: z.string(),
    ver: z.string().min(1),
    app: z.string().min(1),
    name: z.string().nullable().optional(),
    auth_en: z.boolean().optional(),
    auth_domain: z.string().nullable().optional(),
  })
  .passthrough();
export type DeviceInfo = z.infer<typeof DeviceInfoSchema>;

export const SysStatusSchema = z
  .object({
    mac: z.string(),
    uptime: z.number().nonnegative(),
  })
  .passthrough();
export type SysStatus = z.infer<typeof SysStatusSchema>;

export function decode<T>(schema: z.ZodType<T>, value: unknown, what: string): T {
  const parsed = schema.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new DeviceError(
      'bad-reply',
      `${what}: ${issue?.path.join('.') || 'value'} ${issue?.message ?? 'invalid'}`,
    );
  }
  return parsed.data;
}

/**
 * Proof that a device rebooted, from two `Sys.GetStatus` reads. Without a reboot, uptime (whole seconds)
 * grows with wall time, so uptimeAfter ≥ uptimeBefore + elapsed − 1 (both values are floored). A smaller value
 * can only mean the counter restarted. `secondsBetween` runs from receiving the first read to sending the second.
 */
export function isRebootConfirmed(reads: {
  uptimeBefore: number;
  uptimeAfter: number;
  secondsBetween: number;
}): boolean {
  return reads.uptimeAfter + 1 < reads.uptimeBefore + reads.secondsBetween;
}

import { RPC_CODE, type RpcErrorBody } from './rpc-error';
import type { RpcParams } from './rpc-params';

export type RpcId = number | string;

/** A request frame that passed the structural checks (PROTOCOLS.md §1.2). */
export interface RpcRequest {
  id: RpcId;
  src?: string;
  method: string;
  params: RpcParams;
  /** The digest `auth` object (§1.6), when the frame carried one. */
  auth?: unknown;
}

/**
 * Outcome of reading a POST /rpc body:
 * - `invalid`: not a JSON object, or `method` missing/not a string, or `id` of the wrong type. Mongoose
 *   fails `mg_rpc_parse_frame` (or, for a method-less frame, treats it as a stray response) and closes the
 *   HTTP channel with `400 Invalid request`.
 * - `rejected`: well-formed enough to answer with an error frame (missing `id`, non-object `params`).
 */
export type ParsedFrame =
  | { kind: 'request'; request: RpcRequest }
  | { kind: 'rejected'; id?: RpcId; src?: string; error: RpcErrorBody }
  | { kind: 'invalid' };

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function tryParseJson(text: string): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    return { ok: false };
  }
}

export function parseRequestFrame(body: string): ParsedFrame {
  const parsed = tryParseJson(body);
  if (!parsed.ok || !isRecord(parsed.value)) return { kind: 'invalid' };
  const frame = parsed.value;
  const { id, src, method, params } = frame;
  if (id !== undefined && typeof id !== 'number' && typeof id !== 'string') return { kind: 'invalid' };
  if (typeof method !== 'string' || method.length === 0) return { kind: 'invalid' };
  const source = typeof src === 'string' ? src : undefined;
  if (id === undefined) {
    return {
      kind: 'rejected',
      src: source,
      error: { code: RPC_CODE.invalidArgument, message: "Missing required 'id'" },
    };
  }
  if (params !== undefined && params !== null && !isRecord(params)) {
    return {
      kind: 'rejected',
      id,
      src: source,
      error: { code: RPC_CODE.invalidArgument, message: "Invalid argument 'params'" },
    };
  }
  const request: RpcRequest = { id, src: source, method, params: isRecord(params) ? params : {} };
  if (frame.auth !== undefined) request.auth = frame.auth;
  return { kind: 'request', request };
}

/**
 * Parses a REST-form query string the way Mongoose does: every `k=v` pair is copied raw as `"k":v`, so
 * values must already be JSON (strings quoted). Returns undefined when the assembled object is not JSON.
 */
export function paramsFromQuery(search: string): RpcParams | undefined {
  const query = search.startsWith('?') ? search.slice(1) : search;
  if (query.length === 0) return {};
  const members: string[] = [];
  for (const pair of query.split('&')) {
    if (pair.length === 0) continue;
    const eq = pair.indexOf('=');
    const rawKey = eq < 0 ? pair : pair.slice(0, eq);
    const rawValue = eq < 0 ? '' : pair.slice(eq + 1);
    try {
      const key = decodeURIComponent(rawKey.replace(/\+/g, ' '));
      const value = decodeURIComponent(rawValue.replace(/\+/g, ' '));
      members.push(`${JSON.stringify(key)}:${value}`);
    } catch {
      return undefined;
    }
  }
  const parsed = tryParseJson(`{${members.join(',')}}`);
  return parsed.ok && isRecord(parsed.value) ? parsed.value : undefined;
}

/** Parses a REST-form POST body (the params object itself); an empty body means no params. */
export function paramsFromBody(body: string): RpcParams | undefined {
  if (body.trim().length === 0) return {};
  const parsed = tryParseJson(body);
  return parsed.ok && isRecord(parsed.value) ? parsed.value : undefined;
}

export interface ResponseAddress {
  id?: RpcId;
  /** The device id. */
  src: string;
  /** The request's `src`, if it had one. */
  dst?: string;
}

/** `{id, src, dst, result}`, with `result: null` for methods that return nothing. */
export function resultFrame(address: ResponseAddress, result: unknown): Record<string, unknown> {
  return { ...addressFields(address), result: result === undefined ? null : result };
}

export function errorFrame(address: ResponseAddress, error: RpcErrorBody): Record<string, unknown> {
  return { ...addressFields(address), error };
}

function addressFields({ id, src, dst }: ResponseAddress): Record<string, unknown> {
  const fields: Record<string, unknown> = {};
  if (id !== undefined) fields.id = id;
  fields.src = src;
  if (dst !== undefined) fields.dst = dst;
  return fields;
}

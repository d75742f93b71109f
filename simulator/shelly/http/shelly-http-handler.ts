import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import type { ShellyFault } from '../shelly-types';
import {
  errorFrame,
  paramsFromBody,
  paramsFromQuery,
  parseRequestFrame,
  resultFrame,
} from '../rpc/rpc-frame';
import { RPC_CODE, type RpcErrorBody } from '../rpc/rpc-error';
import type { RpcParams } from '../rpc/rpc-params';
import type { RpcOutcome } from '../rpc/rpc-router';
import { assertNever } from '../../util/assert-never';
import { readBody } from './read-body';
import { replyGarbage, replyJson, replyText } from './http-replies';

/** What the HTTP front end needs from a device. */
export interface ShellyHttpTarget {
  readonly id: string;
  currentFault(): ShellyFault | null;
  deviceInfo(): Record<string, unknown>;
  invoke(method: string, params: RpcParams, afterReply: (fn: () => void) => void): RpcOutcome;
  noteRpcRequest(): void;
}

type Route = { kind: 'shelly' } | { kind: 'frame' } | { kind: 'rest'; method: string } | { kind: 'unknown' };

function routeOf(pathname: string): Route {
  if (pathname === '/shelly') return { kind: 'shelly' };
  if (pathname === '/rpc' || pathname === '/rpc/') return { kind: 'frame' };
  if (pathname.startsWith('/rpc/')) {
    try {
      return { kind: 'rest', method: decodeURIComponent(pathname.slice('/rpc/'.length)) };
    } catch {
      return { kind: 'unknown' };
    }
  }
  return { kind: 'unknown' };
}

/** Collects post-reply hooks and runs them once the response has been flushed or the socket closed. */
function replyHooks(res: ServerResponse): (fn: () => void) => void {
  const hooks: Array<() => void> = [];
  let hasRun = false;
  const run = (): void => {
    if (hasRun) return;
    hasRun = true;
    for (const hook of hooks) hook();
  };
  res.once('finish', run);
  res.once('close', run);
  return (fn) => hooks.push(fn);
}

/** REST form (§1.2): bare result with 200, bare error with 404/403 for those codes, else 500. */
function restStatus(error: RpcErrorBody): number {
  return error.code === 403 || error.code === 404 ? error.code : 500;
}

function applyFault(fault: ShellyFault, res: ServerResponse): void {
  switch (fault) {
    case 'garbage':
      return replyGarbage(res);
    case 'http-500':
      return replyText(res, 500, 'Internal Server Error');
    case 'hang':
    case 'refuse':
      return;
    default:
      return assertNever(fault);
  }
}

function handleFrame(target: ShellyHttpTarget, body: string, res: ServerResponse): void {
  const parsed = parseRequestFrame(body);
  if (parsed.kind === 'invalid') return replyText(res, 400, 'Invalid request');
  if (parsed.kind === 'rejected') {
    return replyJson(res, 200, errorFrame({ id: parsed.id, src: target.id, dst: parsed.src }, parsed.error));
  }
  const { id, src, method, params } = parsed.request;
  const address = { id, src: target.id, dst: src };
  const outcome = target.invoke(method, params, replyHooks(res));
  replyJson(res, 200, outcome.ok ? resultFrame(address, outcome.result) : errorFrame(address, outcome.error));
}

interface RestRequest {
  method: string;
  search: string;
  isGet: boolean;
  body: string;
}

function handleRest(target: ShellyHttpTarget, rest: RestRequest, res: ServerResponse): void {
  const params =
    rest.isGet || rest.body.length === 0 ? paramsFromQuery(rest.search) : paramsFromBody(rest.body);
  if (params === undefined) {
    return replyJson(res, 500, { code: RPC_CODE.invalidArgument, message: "Invalid argument 'params'" });
  }
  const outcome = target.invoke(rest.method, params, replyHooks(res));
  if (outcome.ok) return replyJson(res, 200, outcome.result);
  replyJson(res, restStatus(outcome.error), outcome.error);
}

async function handle(target: ShellyHttpTarget, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://device');
  const route = routeOf(url.pathname);
  if (route.kind === 'frame' || route.kind === 'rest') target.noteRpcRequest();
  const body = await readBody(req);
  if (body.kind === 'aborted') return;
  const fault = target.currentFault();
  if (fault !== null) return applyFault(fault, res);
  if (body.kind === 'too-large') return replyText(res, 413, 'Payload Too Large', { close: true });
  switch (route.kind) {
    case 'shelly':
      return replyJson(res, 200, target.deviceInfo());
    case 'frame':
      return handleFrame(target, body.text, res);
    case 'rest':
      return handleRest(
        target,
        { method: route.method, search: url.search, isGet: req.method === 'GET', body: body.text },
        res,
      );
    case 'unknown':
      return replyText(res, 404, 'Not Found');
    default:
      return assertNever(route);
  }
}

/** The device's HTTP front end: `/shelly`, `POST /rpc` frames and the `/rpc/<Method>` REST form. */
export function createShellyRequestHandler(target: ShellyHttpTarget): RequestListener {
  return (req, res) => {
    handle(target, req, res).catch((error: unknown) => {
      const message = error instanceof Error ? error.message : String(error);
      replyText(res, 500, `Simulator error: ${message}`);
    });
  };
}

import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import { wwwAuthenticate } from '../auth/digest';
import type { ReplyAction } from '../../faults/device-faults';
import { errorFrame, paramsFromBody, paramsFromQuery, parseRequestFrame } from '../rpc/rpc-frame';
import { RPC_CODE, type RpcErrorBody } from '../rpc/rpc-error';
import {
  callWithAuth,
  credentialsOf,
  frameFor,
  THROTTLED_ERROR,
  type CallOutcome,
  type RpcTarget,
} from '../rpc/frame-dispatch';
import { assertNever } from '../../util/assert-never';
import { readBody } from './read-body';
import { replyGarbage, replyHangMid, replyJson, replyText, replyUnauthorized } from './http-replies';

/** What the HTTP front end needs from a device. */
export interface ShellyHttpTarget extends RpcTarget {
  replyAction(channel: 'http' | 'ws'): ReplyAction;
  deviceInfo(): Record<string, unknown>;
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

/** 401: the RFC 7616 challenge header and an empty body (§1.6); 429 while every nonce slot is taken. */
function replyRefusal(res: ServerResponse, call: Exclude<CallOutcome, { kind: 'outcome' }>): void {
  if (call.kind === 'throttled') return replyJson(res, 429, call.error);
  replyUnauthorized(res, wwwAuthenticate(call.challenge));
}

interface Incoming {
  req: IncomingMessage;
  res: ServerResponse;
  url: URL;
  body: string;
}

function handleFrame(target: ShellyHttpTarget, { req, res, url, body }: Incoming): void {
  const parsed = parseRequestFrame(body);
  if (parsed.kind === 'invalid') return replyInvalid(target, { req, res, url, body });
  if (parsed.kind === 'rejected') {
    return replyJson(res, 200, errorFrame({ id: parsed.id, src: target.id, dst: parsed.src }, parsed.error));
  }
  const { request } = parsed;
  const credentials = credentialsOf(
    request.auth,
    req.headers.authorization,
    req.method ?? 'POST',
    url.pathname + url.search,
  );
  const call = callWithAuth(target, request.method, request.params, {
    credentials,
    isWebSocket: false,
    afterReply: replyHooks(res),
  });
  if (call.kind !== 'outcome') return replyRefusal(res, call);
  replyJson(res, 200, frameFor(target, request, call));
}

/**
 * An unparseable frame is `400 Invalid request`, except on a device with auth on where the request has
 * no valid `Authorization` header: then it is challenged first. curl --digest relies on this: its first
 * POST carries no body, and it needs the 401 to learn the nonce.
 */
function replyInvalid(target: ShellyHttpTarget, { req, res, url }: Incoming): void {
  const credentials = credentialsOf(
    undefined,
    req.headers.authorization,
    req.method ?? 'POST',
    url.pathname + url.search,
  );
  const verdict = target.authorize(credentials);
  if (verdict.ok || verdict.kind === 'bad-request') return replyText(res, 400, 'Invalid request');
  if (verdict.kind === 'throttled') return replyRefusal(res, { kind: 'throttled', error: THROTTLED_ERROR });
  replyUnauthorized(res, wwwAuthenticate(verdict.challenge));
}

function handleRest(target: ShellyHttpTarget, method: string, { req, res, url, body }: Incoming): void {
  const params =
    req.method === 'GET' || body.length === 0 ? paramsFromQuery(url.search) : paramsFromBody(body);
  if (params === undefined) {
    return replyJson(res, 500, { code: RPC_CODE.invalidArgument, message: "Invalid argument 'params'" });
  }
  const credentials = credentialsOf(
    undefined,
    req.headers.authorization,
    req.method ?? 'GET',
    req.url ?? '/',
  );
  const call = callWithAuth(target, method, params, {
    credentials,
    isWebSocket: false,
    afterReply: replyHooks(res),
  });
  if (call.kind !== 'outcome') return replyRefusal(res, call);
  if (call.outcome.ok) return replyJson(res, 200, call.outcome.result);
  replyJson(res, restStatus(call.outcome.error), call.outcome.error);
}

function route(target: ShellyHttpTarget, kind: Route, incoming: Incoming): void {
  switch (kind.kind) {
    case 'shelly':
      return replyJson(incoming.res, 200, target.deviceInfo());
    case 'frame':
      return handleFrame(target, incoming);
    case 'rest':
      return handleRest(target, kind.method, incoming);
    case 'unknown':
      return replyText(incoming.res, 404, 'Not Found');
    default:
      return assertNever(kind);
  }
}

async function handle(target: ShellyHttpTarget, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://device');
  const kind = routeOf(url.pathname);
  if (kind.kind === 'frame' || kind.kind === 'rest') target.noteRpcRequest();
  const body = await readBody(req);
  if (body.kind === 'aborted') return;
  const action = target.replyAction('http');
  if (action.kind === 'reset') return void req.socket.destroy();
  if (action.kind === 'hang') return;
  if (action.kind === 'hang-mid') return replyHangMid(res, target.id);
  if (action.delayMs > 0) await sleep(action.delayMs);
  if (res.destroyed) return;
  if (action.kind === 'garbage') return replyGarbage(res);
  if (action.kind === 'http-500') return replyText(res, 500, 'Internal Server Error');
  if (body.kind === 'too-large') return replyText(res, 413, 'Payload Too Large', { close: true });
  route(target, kind, { req, res, url, body: body.text });
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

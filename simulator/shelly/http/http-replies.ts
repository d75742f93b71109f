import type { ServerResponse } from 'node:http';

/** Mongoose's RPC HTTP channel headers (`s_headers` in mongoose-os-libs/rpc-common mg_rpc_channel_http.c). */
const BASE_HEADERS = { 'Access-Control-Allow-Origin': '*' } as const;

/** Deterministic non-JSON bytes for the `garbage` fault: a truncated frame followed by binary noise. */
const GARBAGE = Buffer.concat([
  Buffer.from('{"id":1,"src":"'),
  Buffer.from([0x00, 0xff, 0xfe, 0x1b, 0x7f, 0x80]),
]);

export interface ReplyOptions {
  /** Sends `Connection: close` and closes the connection after the reply. */
  close?: boolean;
}

function send(
  res: ServerResponse,
  status: number,
  contentType: string,
  body: Buffer,
  options: ReplyOptions,
): void {
  if (res.headersSent || res.destroyed) return;
  res.writeHead(status, {
    ...BASE_HEADERS,
    'Content-Type': contentType,
    'Content-Length': body.length,
    ...(options.close ? { Connection: 'close' } : {}),
  });
  res.end(body);
}

export function replyJson(
  res: ServerResponse,
  status: number,
  value: unknown,
  options: ReplyOptions = {},
): void {
  send(res, status, 'application/json', Buffer.from(JSON.stringify(value)), options);
}

export function replyText(
  res: ServerResponse,
  status: number,
  text: string,
  options: ReplyOptions = {},
): void {
  send(res, status, 'text/plain', Buffer.from(text), options);
}

/**
 * The digest challenge over HTTP, as mongoose-os-libs/rpc-common `mg_rpc_channel_http_send_not_authorized`
 * sends it: status 401, `Content-Length: 0`, `Connection: close` and `WWW-Authenticate`, no body. (The JSON
 * error frame with code 401 is what WebSocket and other channels without headers get.)
 */
export function replyUnauthorized(res: ServerResponse, wwwAuthenticate: string): void {
  if (res.headersSent || res.destroyed) return;
  res.writeHead(401, {
    ...BASE_HEADERS,
    'Content-Type': 'application/json',
    'Content-Length': 0,
    Connection: 'close',
    'WWW-Authenticate': wwwAuthenticate,
  });
  res.end();
}

export function replyGarbage(res: ServerResponse): void {
  send(res, 200, 'application/json', GARBAGE, {});
}

/**
 * `hang` with mode `mid`: the status line, headers and the start of a plausible frame go out, then
 * nothing more: the client sees a reply begin and never finish.
 */
export function replyHangMid(res: ServerResponse, deviceId: string): void {
  if (res.headersSent || res.destroyed) return;
  const start = Buffer.from(`{"id":1,"src":"${deviceId}","result":{"`);
  res.writeHead(200, {
    ...BASE_HEADERS,
    'Content-Type': 'application/json',
    'Content-Length': start.length * 4,
  });
  res.write(start);
}

import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

export const TOKEN_COOKIE = 'fieldbatch_token';

export function createAccessToken(): string {
  return randomBytes(24).toString('base64url');
}

function sameToken(expected: string, given: string | null | undefined): boolean {
  if (!given) return false;
  const a = Buffer.from(expected);
  const b = Buffer.from(given);
  return a.length === b.length && timingSafeEqual(a, b);
}

function cookieValue(header: string | undefined, name: string): string | null {
  for (const part of (header ?? '').split(';')) {
    const [key, ...rest] = part.trim().split('=');
    if (key === name) return rest.join('=');
  }
  return null;
}

/** Where the caller proved it knows the token: the URL (first load, WebSocket) or the cookie set then. */
export function presentedToken(req: IncomingMessage, expected: string): 'query' | 'cookie' | null {
  const url = new URL(req.url ?? '/', 'http://placeholder');
  if (sameToken(expected, url.searchParams.get('token'))) return 'query';
  if (sameToken(expected, cookieValue(req.headers.cookie, TOKEN_COOKIE))) return 'cookie';
  return null;
}

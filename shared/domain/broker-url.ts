/** Scheme, then the authority's user info: everything up to its last `@` (RFC 3986 §3.2; WHATWG URL does the same). */
const USER_INFO = /^([a-z][a-z0-9+.-]*:\/\/)([^/?#]*)@/i;

/** A broker URL taken apart: the URL without credentials, and the credentials it carried (percent-decoded). */
export interface SplitBrokerUrl {
  url: string;
  username: string | null;
  password: string | null;
}

function decode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/**
 * Splits raw URL user info (`user:password`, percent-encoded) at its first `:` (RFC 3986 §3.2.1); an empty
 * part is absent.
 */
export function splitUserInfo(userInfo: string): { username: string | null; password: string | null } {
  const colon = userInfo.indexOf(':');
  const user = colon < 0 ? userInfo : userInfo.slice(0, colon);
  const password = colon < 0 ? '' : userInfo.slice(colon + 1);
  return { username: user === '' ? null : decode(user), password: password === '' ? null : decode(password) };
}

/** Takes `user:password@` out of a broker URL, so only the URL without them is ever stored or shown. */
export function splitBrokerUrl(url: string): SplitBrokerUrl {
  const match = USER_INFO.exec(url);
  if (!match) return { url, username: null, password: null };
  return { url: match[1]! + url.slice(match[0].length), ...splitUserInfo(match[2]!) };
}

/** `host:port` of a broker URL (the port only when the URL names one), for lists and the device grid. */
export function brokerHost(url: string): string {
  const rest = splitBrokerUrl(url).url.replace(/^[a-z][a-z0-9+.-]*:\/\//i, '');
  return rest.split(/[/?#]/, 1)[0] ?? rest;
}

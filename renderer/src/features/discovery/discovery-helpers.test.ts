import { describe, expect, it } from 'vitest';
import { bytesToBase64 } from './base64';
import { parseHostPort } from './host-port';

describe('host[:port] parsing', () => {
  it('accepts a host, host:port and a bracketed IPv6 address', () => {
    expect(parseHostPort(' 198.51.100.40 ')).toEqual({ request: { host: '198.51.100.40' } });
    expect(parseHostPort('plug.local:8080')).toEqual({ request: { host: 'plug.local', port: 8080 } });
    expect(parseHostPort('[fe80::1]:80')).toEqual({ request: { host: 'fe80::1', port: 80 } });
  });

  it("refuses malformed input and ports the contract's schema refuses", () => {
    expect(parseHostPort('a b')).toEqual({ error: 'expected a host or IP address, optionally with :port' });
    expect(parseHostPort('')).toHaveProperty('error');
    expect(parseHostPort('192.0.2.1:70000')).toEqual({ error: expect.stringMatching(/^port: /) });
  });
});

describe('base64', () => {
  it('encodes bytes exactly, across chunk boundaries', () => {
    const bytes = new Uint8Array(100_000).map((_, i) => (i * 31) % 256);
    let binary = '';
    for (const b of bytes) binary += String.fromCharCode(b);
    expect(bytesToBase64(bytes)).toBe(btoa(binary));
    expect(bytesToBase64(new TextEncoder().encode('host,port\nä,1\n'))).toBe('aG9zdCxwb3J0CsOkLDEK');
  });
});

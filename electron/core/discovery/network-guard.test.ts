import type { NetworkInterfaceInfo } from 'node:os';
import { describe, expect, it } from 'vitest';
import { silentLogger } from '../logging/json-logger';
import { MdnsBrowser } from './mdns-browser';
import { assertOnlyLoopback, NetworkGuardError } from './network-guard';

const lo = { address: '127.0.0.1', internal: true, family: 'IPv4' } as NetworkInterfaceInfo;
const eth = { address: '192.0.2.5', internal: false, family: 'IPv4' } as NetworkInterfaceInfo;

describe('assertOnlyLoopback', () => {
  it('passes in a namespace where only lo exists', () => {
    expect(() => assertOnlyLoopback({ lo: [lo] })).not.toThrow();
  });

  it('refuses when any other interface has an address, naming it', () => {
    expect(() => assertOnlyLoopback({ lo: [lo], eth0: [eth] })).toThrow(NetworkGuardError);
    expect(() => assertOnlyLoopback({ lo: [lo], eth0: [eth] })).toThrow(/eth0/);
  });
});

describe('MdnsBrowser in test mode', () => {
  it('refuses to open its socket when another interface exists', async () => {
    const browser = new MdnsBrowser({
      requireLoopbackOnly: true,
      logger: silentLogger,
      interfaces: () => ({ lo: [lo], eth0: [eth] }),
    });
    expect(() => browser.browse('shelly', { up() {}, down() {}, error() {} })).toThrow(NetworkGuardError);
    await browser.destroy();
  });
});

import type { NetworkInterfaceInfo } from 'node:os';
import { describe, expect, it } from 'vitest';
import { isInIpv4Network } from '../../../shared/util/ipv4';
import { addressForDevice, ipv4Addresses, isLocalAddress } from './interface-addresses';

const v4 = (address: string, cidr: string, internal = false): NetworkInterfaceInfo => ({
  address,
  cidr,
  internal,
  family: 'IPv4',
  netmask: '',
  mac: '00:00:00:00:00:00',
});
const LAPTOP = () => ({
  lo: [v4('127.0.0.1', '127.0.0.1/8', true)],
  wlan0: [v4('198.51.100.20', '198.51.100.20/24')],
  eth0: [
    v4('198.18.0.2', '198.18.0.2/16'),
    { ...v4('fe80::1', 'fe80::1/64'), family: 'IPv6' as const, scopeid: 0 },
  ],
});

describe('interface addresses', () => {
  it.each([
    ['198.51.100.77', '198.51.100.20/24', true],
    ['203.0.113.77', '198.51.100.20/24', false],
    ['198.18.255.1', '198.18.0.2/16', true],
    ['127.8.9.10', '127.0.0.1/8', true],
    ['anything', '0.0.0.0/0', false],
    ['1.2.3.4', '0.0.0.0/0', true],
    ['1.2.3.256', '1.2.3.0/24', false],
  ])('%s in %s: %s', (address, cidr, inside) => {
    expect(isInIpv4Network(address, cidr)).toBe(inside);
  });

  it('lists IPv4 addresses, non-internal first, optionally of one interface', () => {
    expect(ipv4Addresses(LAPTOP).map((a) => a.address)).toEqual(['198.51.100.20', '198.18.0.2', '127.0.0.1']);
    expect(ipv4Addresses(LAPTOP, 'eth0').map((a) => a.address)).toEqual(['198.18.0.2']);
    expect(ipv4Addresses(LAPTOP, 'eth9')).toEqual([]);
  });

  it('knows the machine addresses from the list alone', () => {
    expect(isLocalAddress(LAPTOP, '198.18.0.2')).toBe(true);
    expect(isLocalAddress(LAPTOP, '192.0.2.1')).toBe(false);
  });

  it('hands each device the address on its own subnet', () => {
    expect(addressForDevice(LAPTOP, null, ['198.18.4.4'])).toBe('198.18.0.2');
    expect(addressForDevice(LAPTOP, null, ['198.51.100.77'])).toBe('198.51.100.20');
    expect(addressForDevice(LAPTOP, null, ['127.0.0.1'])).toBe('127.0.0.1');
    expect(addressForDevice(LAPTOP, null, ['shelly.local', '203.0.113.9'])).toBe('198.51.100.20');
    expect(addressForDevice(LAPTOP, 'eth0', ['198.51.100.77'])).toBe('198.18.0.2');
    expect(addressForDevice(() => ({}), null, ['198.18.4.4'])).toBeNull();
  });
});

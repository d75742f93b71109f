import type { NetworkInterfaceInfo } from 'node:os';
import { describe, expect, it } from 'vitest';
import { addressForDevice, inSubnet, ipv4Addresses, isLocalAddress } from './interface-addresses';

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
  wlan0: [v4('192.168.1.20', '192.168.1.20/24')],
  eth0: [
    v4('10.20.0.2', '10.20.0.2/16'),
    { ...v4('fe80::1', 'fe80::1/64'), family: 'IPv6' as const, scopeid: 0 },
  ],
});

describe('interface addresses', () => {
  it.each([
    ['192.168.1.77', '192.168.1.20/24', true],
    ['192.168.2.77', '192.168.1.20/24', false],
    ['10.20.255.1', '10.20.0.2/16', true],
    ['127.8.9.10', '127.0.0.1/8', true],
    ['anything', '0.0.0.0/0', false],
    ['1.2.3.4', '0.0.0.0/0', true],
    ['1.2.3.256', '1.2.3.0/24', false],
  ])('%s in %s: %s', (address, cidr, inside) => {
    expect(inSubnet(address, cidr)).toBe(inside);
  });

  it('lists IPv4 addresses, non-internal first, optionally of one interface', () => {
    expect(ipv4Addresses(LAPTOP).map((a) => a.address)).toEqual(['192.168.1.20', '10.20.0.2', '127.0.0.1']);
    expect(ipv4Addresses(LAPTOP, 'eth0').map((a) => a.address)).toEqual(['10.20.0.2']);
    expect(ipv4Addresses(LAPTOP, 'eth9')).toEqual([]);
  });

  it('knows the machine addresses from the list alone', () => {
    expect(isLocalAddress(LAPTOP, '10.20.0.2')).toBe(true);
    expect(isLocalAddress(LAPTOP, '192.0.2.1')).toBe(false);
  });

  it('hands each device the address on its own subnet', () => {
    expect(addressForDevice(LAPTOP, null, ['10.20.4.4'])).toBe('10.20.0.2');
    expect(addressForDevice(LAPTOP, null, ['192.168.1.77'])).toBe('192.168.1.20');
    expect(addressForDevice(LAPTOP, null, ['127.0.0.1'])).toBe('127.0.0.1');
    expect(addressForDevice(LAPTOP, null, ['shelly.local', '172.16.0.9'])).toBe('192.168.1.20');
    expect(addressForDevice(LAPTOP, 'eth0', ['192.168.1.77'])).toBe('10.20.0.2');
    expect(addressForDevice(() => ({}), null, ['10.20.4.4'])).toBeNull();
  });
});

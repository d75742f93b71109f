import { describe, expect, it } from 'vitest';
import { CidrError, expandCidr } from './cidr';

describe('expandCidr', () => {
  it('lists the hosts of a range without network and broadcast', () => {
    expect(expandCidr('192.168.1.0/30')).toEqual(['192.168.1.1', '192.168.1.2']);
    expect(expandCidr('10.0.0.77/29')).toEqual([
      '10.0.0.73',
      '10.0.0.74',
      '10.0.0.75',
      '10.0.0.76',
      '10.0.0.77',
      '10.0.0.78',
    ]);
    expect(expandCidr('127.0.0.1')).toEqual(['127.0.0.1']);
    expect(expandCidr('127.0.0.8/31')).toEqual(['127.0.0.8', '127.0.0.9']);
    expect(expandCidr('172.16.0.0/20')).toHaveLength(4094);
  });

  it.each(['10.0.0.0/19', '0.0.0.0/0', '10.0.0.0/8'])(
    'refuses the huge range %s with the limit in the message',
    (cidr) => {
      expect(() => expandCidr(cidr)).toThrow(CidrError);
      expect(() => expandCidr(cidr)).toThrow(/at most 4096/);
    },
  );

  it.each([
    '',
    '300.1.1.1',
    '10.0.0/24',
    '10.0.0.0/33',
    '10.0.0.0/24/1',
    'fe80::1/64',
    'host.local',
    '10.0.0.0/-1',
  ])('refuses %j as not a range', (cidr) => {
    expect(() => expandCidr(cidr)).toThrow(/not an IPv4 address or CIDR/);
  });
});

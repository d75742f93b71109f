import { describe, expect, it } from 'vitest';
import { CidrError, expandCidr } from './cidr';

describe('expandCidr', () => {
  it('lists the hosts of a range without network and broadcast', () => {
    expect(expandCidr('198.51.100.0/30')).toEqual(['198.51.100.1', '198.51.100.2']);
    expect(expandCidr('192.0.2.77/29')).toEqual([
      '192.0.2.73',
      '192.0.2.74',
      '192.0.2.75',
      '192.0.2.76',
      '192.0.2.77',
      '192.0.2.78',
    ]);
    expect(expandCidr('127.0.0.1')).toEqual(['127.0.0.1']);
    expect(expandCidr('127.0.0.8/31')).toEqual(['127.0.0.8', '127.0.0.9']);
    expect(expandCidr('198.18.0.0/20')).toHaveLength(4094);
  });

  it.each(['192.0.2.0/19', '0.0.0.0/0', '192.0.2.0/8'])(
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
    '192.0.2.0/33',
    '192.0.2.0/24/1',
    'fe80::1/64',
    'host.local',
    '192.0.2.0/-1',
  ])('refuses %j as not a range', (cidr) => {
    expect(() => expandCidr(cidr)).toThrow(/not an IPv4 address or CIDR/);
  });
});

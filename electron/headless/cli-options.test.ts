import { describe, expect, it } from 'vitest';
import { CliUsageError, parseHeadlessArgs } from './cli-options';

describe('parseHeadlessArgs', () => {
  it('defaults to loopback, any port, mDNS on', () => {
    expect(parseHeadlessArgs(['--data', 'd'], {}, '/work')).toEqual({
      port: 0,
      dataDir: '/work/d',
      bindAddress: '127.0.0.1',
      rendererDir: '/work/out/renderer',
      mdnsEnabled: true,
      mdnsInterface: undefined,
      operator: undefined,
    });
  });

  it('takes the session operator, trimmed', () => {
    expect(parseHeadlessArgs(['--data', 'd', '--operator', ' Ana '], {}, '/work').operator).toBe('Ana');
  });

  it('takes the data directory from the environment', () => {
    expect(parseHeadlessArgs([], { FIELDBATCH_DATA_DIR: '/srv/fb' }, '/work').dataDir).toBe('/srv/fb');
  });

  it.each([
    [['--port', '70000', '--data', 'd'], /--port/],
    [['--port', 'x', '--data', 'd'], /--port/],
    [[], /--data/],
    [['--data', 'd', '--mdns-interface', 'eth0'], /IPv4/],
    [['--data', 'd', '--frobnicate'], /Unknown option/],
    [['--data', 'd', '--operator', '  '], /--operator: type your name/],
    [['--data', 'd', '--operator', 'x'.repeat(81)], /--operator: a name has at most 80/],
  ])('rejects %j', (argv, message) => {
    expect(() => parseHeadlessArgs(argv, {}, '/work')).toThrow(CliUsageError);
    expect(() => parseHeadlessArgs(argv, {}, '/work')).toThrow(message);
  });
});

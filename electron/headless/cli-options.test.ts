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
    });
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
  ])('rejects %j', (argv, message) => {
    expect(() => parseHeadlessArgs(argv, {}, '/work')).toThrow(CliUsageError);
    expect(() => parseHeadlessArgs(argv, {}, '/work')).toThrow(message);
  });
});

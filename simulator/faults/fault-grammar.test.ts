import { describe, expect, it } from 'vitest';
import { parseFaultSpec } from './fault-grammar';
import { planFaults, type FaultCandidate } from './fault-plan';
import { DeviceFaults } from './device-faults';
import { seededRandom } from '../util/seeded-random';

describe('parseFaultSpec', () => {
  it('reads the documented example', () => {
    const rules = parseFaultSpec(
      'hang:5%,slow:10%:200-800ms,silent-rollback:3,offline:s2:silent,drop:tasmota/2:after=3:for=10s,long-reboot:t1+t4:1.5s,flaky:all:p=25%',
    );
    expect(rules.map((r) => [r.fault, r.family, r.selector])).toEqual([
      [{ kind: 'hang', mode: 'silent' }, undefined, { kind: 'percent', percent: 5 }],
      [{ kind: 'slow', minMs: 200, maxMs: 800 }, undefined, { kind: 'percent', percent: 10 }],
      [{ kind: 'silent-rollback' }, undefined, { kind: 'count', count: 3 }],
      [{ kind: 'offline', mode: 'silent' }, undefined, { kind: 'refs', refs: ['s2'] }],
      [{ kind: 'drop', afterCommands: 3, forMs: 10_000 }, 'tasmota', { kind: 'count', count: 2 }],
      [{ kind: 'long-reboot', bootMs: 1500 }, undefined, { kind: 'refs', refs: ['t1', 't4'] }],
      [{ kind: 'flaky', probability: 0.25 }, undefined, { kind: 'all' }],
    ]);
  });

  it('uses defaults and time-based drops', () => {
    expect(parseFaultSpec('offline:1,drop:1:after=2s')[0].fault).toEqual({ kind: 'offline', mode: 'refuse' });
    expect(parseFaultSpec('drop:1:after=2s')[0].fault).toEqual({
      kind: 'drop',
      afterMs: 2000,
      forMs: 10_000,
    });
    expect(parseFaultSpec('')).toEqual([]);
  });

  it.each([
    ['an unknown kind', 'explode:1'],
    ['a missing target', 'hang'],
    ['a bad latency', 'slow:1:fast'],
    ['arguments on a plain fault', 'garbage:1:x'],
    ['a percentage over 100', 'hang:150%'],
    ['a bad family', 'hang:esphome/1'],
    ['a bad offline mode', 'offline:1:sleepy'],
  ])('rejects %s with a message naming the rule', (_, spec) => {
    expect(() => parseFaultSpec(spec)).toThrow(/fault rule/);
  });
});

describe('planFaults', () => {
  const fleet: FaultCandidate[] = [
    ...Array.from({ length: 20 }, (_, index) => ({
      family: 'shelly' as const,
      index,
      names: [`sh-${index}`],
    })),
    ...Array.from({ length: 10 }, (_, index) => ({
      family: 'tasmota' as const,
      index,
      names: [`tasmota_${index}`],
    })),
  ];

  it('is deterministic with the seed and picks exact counts', () => {
    const rules = parseFaultSpec('silent-rollback:3,hang:tasmota/50%,garbage:s4+tasmota_7');
    const a = planFaults(rules, fleet, 9);
    expect([...a.entries()]).toEqual([...planFaults(rules, fleet, 9).entries()]);
    const count = (kind: string): string[] =>
      [...a].filter(([, f]) => f.some((x) => x.kind === kind)).map(([k]) => k);
    expect(count('silent-rollback')).toHaveLength(3);
    expect(count('hang')).toHaveLength(5);
    expect(count('hang').every((key) => key.startsWith('tasmota:'))).toBe(true);
    expect(count('garbage').sort()).toEqual(['shelly:4', 'tasmota:7']);
    expect([...planFaults(rules, fleet, 10).keys()].sort()).not.toEqual([...a.keys()].sort());
  });

  it('refuses targets the fleet cannot satisfy', () => {
    expect(() => planFaults(parseFaultSpec('hang:31'), fleet, 1)).toThrow(/wants 31/);
    expect(() => planFaults(parseFaultSpec('hang:s99'), fleet, 1)).toThrow(/no device/);
  });
});

describe('DeviceFaults', () => {
  it('draws slow latencies and flaky resets from the seeded stream', () => {
    const run = (): string[] => {
      const faults = new DeviceFaults(seededRandom(5), [
        { kind: 'flaky', probability: 0.5 },
        { kind: 'slow', minMs: 10, maxMs: 20 },
      ]);
      return Array.from({ length: 20 }, () => JSON.stringify(faults.replyAction('http')));
    };
    const actions = run();
    expect(actions).toEqual(run());
    expect(actions.some((a) => a.includes('reset'))).toBe(true);
    for (const a of actions.filter((x) => x.includes('answer'))) {
      const { delayMs } = JSON.parse(a) as { delayMs: number };
      expect(delayMs).toBeGreaterThanOrEqual(10);
      expect(delayMs).toBeLessThanOrEqual(20);
    }
  });

  it('drops after N commands, once, and tells the device', () => {
    const faults = new DeviceFaults(seededRandom(1), [{ kind: 'drop', afterCommands: 2, forMs: 60_000 }]);
    const changes: string[] = [];
    faults.attach(() => changes.push(faults.reachability()));
    faults.noteCommand();
    expect(faults.reachability()).toBe('online');
    faults.noteCommand();
    expect(faults.reachability()).toBe('refuse');
    expect(faults.isAdvertised()).toBe(false);
    faults.set([]);
    expect(changes).toEqual(['refuse', 'online']);
    faults.dispose();
  });

  it('keeps http-500 to HTTP and maps offline modes', () => {
    const faults = new DeviceFaults(seededRandom(1), [{ kind: 'http-500' }]);
    expect(faults.replyAction('mqtt')).toEqual({ kind: 'answer', delayMs: 0 });
    expect(faults.replyAction('http')).toEqual({ kind: 'http-500', delayMs: 0 });
    faults.set([{ kind: 'offline', mode: 'unadvertised' }]);
    expect([faults.reachability(), faults.isAdvertised()]).toEqual(['online', false]);
    faults.set([{ kind: 'offline', mode: 'silent' }]);
    expect(faults.replyAction('http')).toEqual({ kind: 'hang' });
  });
});

import { hashInts, seededRandom } from '../util/seeded-random';
import { type FaultFamily, type FaultRule, FaultSpecError } from './fault-grammar';
import type { Fault } from './fault-types';

/** A device a fault rule may pick. */
export interface FaultCandidate {
  family: FaultFamily;
  /** Index within its family (`s3` is the Shelly with index 3). */
  index: number;
  /** Names a rule may use: the device id, Tasmota topic, ... (compared case-insensitively). */
  names: readonly string[];
}

const keyOf = (candidate: FaultCandidate): string => `${candidate.family}:${candidate.index}`;

function shuffled<T>(items: readonly T[], random: () => number): T[] {
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i -= 1) {
    const j = Math.floor(random() * (i + 1));
    [copy[i], copy[j]] = [copy[j], copy[i]];
  }
  return copy;
}

function byRef(ref: string, pool: readonly FaultCandidate[]): FaultCandidate {
  const indexed = /^([st])(\d+)$/i.exec(ref);
  const found = indexed
    ? pool.find(
        (c) =>
          c.family === (indexed[1].toLowerCase() === 's' ? 'shelly' : 'tasmota') &&
          c.index === Number(indexed[2]),
      )
    : pool.find((c) => c.names.some((name) => name.toLowerCase() === ref.toLowerCase()));
  if (found === undefined) throw new FaultSpecError(`no device '${ref}' in this fleet`);
  return found;
}

function pick(rule: FaultRule, pool: readonly FaultCandidate[], random: () => number): FaultCandidate[] {
  const { selector } = rule;
  switch (selector.kind) {
    case 'all':
      return [...pool];
    case 'refs':
      return selector.refs.map((ref) => byRef(ref, pool));
    case 'count':
      if (selector.count > pool.length)
        throw new FaultSpecError(
          `'${rule.text}' wants ${selector.count} devices, the fleet has ${pool.length}`,
        );
      return shuffled(pool, random).slice(0, selector.count);
    case 'percent': {
      const wanted = Math.round((selector.percent / 100) * pool.length);
      const count = selector.percent > 0 && pool.length > 0 ? Math.max(1, wanted) : 0;
      return shuffled(pool, random).slice(0, count);
    }
  }
}

/**
 * Decides which devices get which faults. Deterministic: the same rules, fleet and seed always pick the
 * same devices (each rule shuffles with its own stream derived from the seed and the rule's position).
 * Returns faults keyed by `<family>:<index>`; devices without faults are absent.
 */
export function planFaults(
  rules: readonly FaultRule[],
  candidates: readonly FaultCandidate[],
  seed: number,
): Map<string, Fault[]> {
  const plan = new Map<string, Fault[]>();
  rules.forEach((rule, ruleIndex) => {
    const pool = rule.family === undefined ? candidates : candidates.filter((c) => c.family === rule.family);
    const random = seededRandom(hashInts(seed, 0xfa17, ruleIndex));
    for (const candidate of pick(rule, pool, random)) {
      const key = keyOf(candidate);
      plan.set(key, [...(plan.get(key) ?? []), rule.fault]);
    }
  });
  return plan;
}

export function planKey(family: FaultFamily, index: number): string {
  return `${family}:${index}`;
}

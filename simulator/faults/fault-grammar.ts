import { parseDurationMs, parseDurationRange } from '../util/duration';
import { FAULT_KINDS, type Fault, type FaultKind, type OfflineMode } from './fault-types';

/**
 * `--faults` grammar (also in simulator/README.md):
 *
 *   spec     := rule { "," rule }
 *   rule     := kind ":" target { ":" arg }
 *   target   := [ family "/" ] selector          family := shelly | tasmota
 *   selector := N "%"        a seeded share of the candidates: round(N% x count), at least 1 if N > 0
 *             | N            exactly N candidates, chosen by the seed
 *             | all
 *             | ref { "+" ref }   ref := s<i> (i-th Shelly) | t<i> (i-th Tasmota) | a device id / topic
 *   arg      := value | key "=" value
 *
 * e.g. `hang:5%,slow:10%:200-800ms,silent-rollback:3,offline:s2:silent,drop:tasmota/2:after=3:for=10s`
 */
export type FaultFamily = 'shelly' | 'tasmota';

export type Selector =
  | { kind: 'percent'; percent: number }
  | { kind: 'count'; count: number }
  | { kind: 'all' }
  | { kind: 'refs'; refs: string[] };

export interface FaultRule {
  fault: Fault;
  family?: FaultFamily;
  selector: Selector;
  /** The rule as written, for messages. */
  text: string;
}

export class FaultSpecError extends Error {
  override name = 'FaultSpecError';
}

interface Args {
  positional: string[];
  named: Map<string, string>;
}

function splitArgs(parts: string[]): Args {
  const args: Args = { positional: [], named: new Map() };
  for (const part of parts) {
    const eq = part.indexOf('=');
    if (eq > 0) args.named.set(part.slice(0, eq).toLowerCase(), part.slice(eq + 1));
    else args.positional.push(part);
  }
  return args;
}

function arg(args: Args, name: string, position: number): string | undefined {
  return args.named.get(name) ?? args.positional[position];
}

function durationOf(text: string | undefined, fallback: number, what: string): number {
  if (text === undefined) return fallback;
  const ms = parseDurationMs(text);
  if (ms === undefined) throw new FaultSpecError(`bad ${what} duration '${text}'`);
  return ms;
}

function oneOf<T extends string>(text: string | undefined, allowed: readonly T[], fallback: T): T {
  if (text === undefined) return fallback;
  if (!(allowed as readonly string[]).includes(text))
    throw new FaultSpecError(`'${text}' is not one of ${allowed.join('|')}`);
  return text as T;
}

function probabilityOf(text: string | undefined): number {
  if (text === undefined) return 0.3;
  const percent = /^(\d+(?:\.\d+)?)%$/.exec(text);
  const value = percent ? Number(percent[1]) / 100 : Number(text);
  if (!Number.isFinite(value) || value < 0 || value > 1)
    throw new FaultSpecError(`bad probability '${text}'`);
  return value;
}

function dropFault(args: Args): Fault {
  const after = arg(args, 'after', 0) ?? '1';
  const forMs = durationOf(arg(args, 'for', 1), 10_000, 'for');
  if (/^\d+$/.test(after)) return { kind: 'drop', afterCommands: Number(after), forMs };
  return { kind: 'drop', afterMs: durationOf(after, 0, 'after'), forMs };
}

function faultOf(kind: FaultKind, args: Args): Fault {
  switch (kind) {
    case 'offline':
      return {
        kind,
        mode: oneOf<OfflineMode>(arg(args, 'mode', 0), ['refuse', 'silent', 'unadvertised'], 'refuse'),
      };
    case 'slow': {
      const text = arg(args, 'latency', 0) ?? '200-800ms';
      const range = parseDurationRange(text);
      if (range === undefined) throw new FaultSpecError(`bad latency '${text}'`);
      return { kind, ...range };
    }
    case 'flaky':
      return { kind, probability: probabilityOf(arg(args, 'p', 0)) };
    case 'hang':
      return { kind, mode: oneOf(arg(args, 'mode', 0), ['silent', 'mid'] as const, 'silent') };
    case 'long-reboot':
      return { kind, bootMs: durationOf(arg(args, 'boot', 0), 30_000, 'boot') };
    case 'drop':
      return dropFault(args);
    case 'garbage':
    case 'http-500':
    case 'ota-download-error':
    case 'corrupt-download':
    case 'silent-rollback':
      if (args.positional.length + args.named.size > 0)
        throw new FaultSpecError(`${kind} takes no arguments`);
      return { kind };
  }
}

function selectorOf(text: string): Selector {
  if (text === 'all') return { kind: 'all' };
  const percent = /^(\d+(?:\.\d+)?)%$/.exec(text);
  if (percent) {
    const value = Number(percent[1]);
    if (value > 100) throw new FaultSpecError(`percentage over 100: '${text}'`);
    return { kind: 'percent', percent: value };
  }
  if (/^\d+$/.test(text)) return { kind: 'count', count: Number(text) };
  const refs = text.split('+');
  if (refs.some((ref) => !/^[A-Za-z0-9_.-]+$/.test(ref))) throw new FaultSpecError(`bad target '${text}'`);
  return { kind: 'refs', refs };
}

function parseRule(text: string): FaultRule {
  const [kindText, target, ...rest] = text.split(':');
  const kind = kindText.trim().toLowerCase() as FaultKind;
  if (!FAULT_KINDS.includes(kind))
    throw new FaultSpecError(`unknown fault '${kindText}' (known: ${FAULT_KINDS.join(', ')})`);
  if (target === undefined || target.trim() === '')
    throw new FaultSpecError(`'${text}' needs a target (N%, N, all, s<i>, t<i> or an id)`);
  const slash = target.indexOf('/');
  let family: FaultFamily | undefined;
  let selectorText = target.trim();
  if (slash >= 0) {
    family = oneOf(target.slice(0, slash), ['shelly', 'tasmota'] as const, 'shelly');
    selectorText = target.slice(slash + 1);
  }
  return { fault: faultOf(kind, splitArgs(rest)), family, selector: selectorOf(selectorText), text };
}

/** Parses a whole `--faults` spec; throws FaultSpecError naming the bad rule. Empty text = no rules. */
export function parseFaultSpec(spec: string): FaultRule[] {
  if (spec.trim() === '') return [];
  return spec.split(',').map((raw) => {
    const text = raw.trim();
    try {
      return parseRule(text);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      throw new FaultSpecError(`fault rule '${text}': ${message}`);
    }
  });
}

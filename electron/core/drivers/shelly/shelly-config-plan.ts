/** Pure planning and read-back comparison for Shelly config changes (PROTOCOLS.md §1.4). */

// The plan lives in shared/ so the config form shows exactly the calls this driver makes.
export { planConfigWrites, type ConfigWrite } from '../../../../shared/domain/shelly-config-writes';

type Json = Record<string, unknown>;

const isRecord = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Devices store coordinates as floats; anything closer than this reads back as equal. */
const NUMBER_TOLERANCE = 1e-6;

function same(expected: unknown, actual: unknown): boolean {
  if (typeof expected === 'number' && typeof actual === 'number')
    return Math.abs(expected - actual) <= NUMBER_TOLERANCE;
  return expected === actual;
}

/** Every written field whose read-back differs, as `path: expected X, read back Y`. */
export function configMismatches(expected: Json, actual: unknown, path: string): string[] {
  const out: string[] = [];
  for (const [key, want] of Object.entries(expected)) {
    const where = `${path}.${key}`;
    const got = isRecord(actual) ? actual[key] : undefined;
    if (isRecord(want)) out.push(...configMismatches(want, got, where));
    else if (!same(want, got))
      out.push(`${where}: expected ${JSON.stringify(want)}, read back ${JSON.stringify(got) ?? 'nothing'}`);
  }
  return out;
}

/** How many leaf settings a write sets (for the summary). */
export function settingCount(expected: Json): number {
  return Object.values(expected).reduce<number>(
    (sum, value) => sum + (isRecord(value) ? settingCount(value) : 1),
    0,
  );
}

/** `{restart_required: true}` in a SetConfig reply. */
export function needsRestart(reply: unknown): boolean {
  return isRecord(reply) && reply.restart_required === true;
}

import { invalidArgument, missingArgument } from './rpc-error';
import type { RpcParams } from './rpc-params';

type Json = Record<string, unknown>;

const isRecord = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Keys the devices report but never take in SetConfig. */
const READ_ONLY = new Set(['mac', 'fw_id', 'id', 'profile']);

function mergeInto(target: Json, patch: Json, path: string): boolean {
  let changed = false;
  for (const [key, value] of Object.entries(patch)) {
    if (!(key in target) || READ_ONLY.has(key)) continue;
    const current = target[key];
    const where = path === '' ? key : `${path}.${key}`;
    if (isRecord(current)) {
      if (!isRecord(value)) throw invalidArgument(`config.${where}`);
      changed = mergeInto(current, value, where) || changed;
    } else if (current === null || value === null || typeof current === typeof value) {
      if (isRecord(value) || Array.isArray(value)) throw invalidArgument(`config.${where}`);
      if (current !== value) changed = true;
      target[key] = value;
    } else {
      throw invalidArgument(`config.${where}`);
    }
  }
  return changed;
}

/**
 * Applies `params.config` to a copy of `current` and returns it: unknown and read-only keys are ignored,
 * a value of the wrong type fails the whole call with -103 and leaves the config untouched.
 */
export function mergeConfig<T extends object>(
  current: T,
  params: RpcParams,
): { config: T; changed: boolean } {
  const patch = params.config;
  if (patch === undefined || patch === null) throw missingArgument('config');
  if (!isRecord(patch)) throw invalidArgument('config');
  const config = structuredClone(current);
  const changed = mergeInto(config as Json, patch, '');
  return { config, changed };
}

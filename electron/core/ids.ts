import { randomBytes } from 'node:crypto';
import type { IdSource } from './ports';

/** Time-ordered ids: 10 base-36 chars of milliseconds, then 12 random base-36 chars. */
export function createRandomIdSource(now: () => number = Date.now): IdSource {
  return {
    next(prefix) {
      const time = now().toString(36).padStart(10, '0');
      const random = BigInt('0x' + randomBytes(8).toString('hex'))
        .toString(36)
        .padStart(13, '0')
        .slice(-12);
      return `${prefix}_${time}${random}`;
    },
  };
}

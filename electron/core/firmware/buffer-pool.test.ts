import { describe, expect, it } from 'vitest';
import { BufferPool } from './buffer-pool';

describe('buffer pool', () => {
  it('reuses a buffer only once every holder has released it', () => {
    const pool = new BufferPool(16, 4);
    const a = pool.acquire(16);
    pool.retain(a);
    pool.release(a);
    expect(pool.acquire(16)).not.toBe(a);
    pool.release(a);
    expect(pool.stats).toEqual({ held: 1, free: 1 });
    expect(pool.acquire(16)).toBe(a);
  });

  it('never pools other lengths, keeps at most maxFree, and ignores a release too many', () => {
    const pool = new BufferPool(16, 1);
    const odd = pool.acquire(10);
    pool.release(odd);
    expect(pool.stats.free).toBe(0);
    const [a, b] = [pool.acquire(16), pool.acquire(16)];
    pool.release(a);
    pool.release(b);
    pool.release(b);
    expect(pool.stats).toEqual({ held: 0, free: 1 });
  });

  it('refuses to retain a buffer nobody holds (it may already be reused)', () => {
    const pool = new BufferPool(16, 1);
    const a = pool.acquire(16);
    pool.release(a);
    expect(() => pool.retain(a)).toThrow(/nobody holds/);
  });
});

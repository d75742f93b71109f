import { describe, expect, it } from 'vitest';
import { bucketForKiBps, TokenBucket } from './token-bucket';

describe('token bucket', () => {
  it('lets a burst go at once, then paces at the rate', () => {
    let now = 0;
    const bucket = new TokenBucket(1000, 500, () => now);
    expect(bucket.reserve(500)).toBe(0);
    expect(bucket.reserve(250)).toBe(250);
    now = 250;
    expect(bucket.reserve(250)).toBe(250);
  });

  it('makes concurrent callers queue up behind each other', () => {
    const bucket = new TokenBucket(1000, 100, () => 0);
    const waits = [bucket.reserve(100), bucket.reserve(100), bucket.reserve(100), bucket.reserve(100)];
    expect(waits).toEqual([0, 100, 200, 300]);
  });

  it('refills no further than the burst after an idle spell', () => {
    let now = 0;
    const bucket = new TokenBucket(1000, 100, () => now);
    bucket.reserve(100);
    now = 60_000;
    expect(bucket.reserve(100)).toBe(0);
    expect(bucket.reserve(100)).toBe(100);
  });

  it('holds the total rate over many chunks', () => {
    let now = 0;
    const bucket = new TokenBucket(512 * 1024, 64 * 1024, () => now);
    for (let sent = 0; sent < 1024 * 1024; sent += 16 * 1024) now += bucket.reserve(16 * 1024);
    // 1 MiB minus the initial burst at 512 KiB/s: 1.875 s, give or take the last chunk.
    expect(now).toBeGreaterThanOrEqual(1_843);
    expect(now).toBeLessThanOrEqual(1_875);
  });

  it('is built from a KiB/s setting, null meaning unlimited', () => {
    expect(bucketForKiBps(null, () => 0)).toBeNull();
    const bucket = bucketForKiBps(512, () => 0)!;
    expect(bucket.bytesPerSecond).toBe(512 * 1024);
    expect(bucket.burst).toBe(64 * 1024);
    expect(bucketForKiBps(8, () => 0)!.burst).toBe(16 * 1024);
    expect(() => new TokenBucket(0, 1, () => 0)).toThrow(RangeError);
  });
});

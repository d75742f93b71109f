import { describe, expect, it } from 'vitest';
import type { DeviceId } from '../../../shared/domain/device';
import type { JobId } from '../../../shared/domain/job';
import { ServeTokens, TOKEN_PATTERN } from './serve-tokens';

const JOB_A = 'job_aaaaaaaaaa' as JobId;
const JOB_B = 'job_bbbbbbbbbb' as JobId;
const DEV_1 = 'mac:a8032ab10001' as DeviceId;
const DEV_2 = 'mac:a8032ab10002' as DeviceId;
const IMG_1 = '1'.repeat(64);
const IMG_2 = '2'.repeat(64);

function tokens() {
  let n = 0;
  return new ServeTokens(() => `tok${String(++n).padStart(19, '0')}`);
}

describe('serve tokens', () => {
  it('gives each job one token and remembers which devices got which image', () => {
    const t = tokens();
    const a = t.grant(JOB_A, IMG_1, { id: DEV_1, hosts: ['192.0.2.5'] });
    expect(t.grant(JOB_A, IMG_1, { id: DEV_2, hosts: ['192.0.2.6'] })).toBe(a);
    expect(t.grant(JOB_B, IMG_1, { id: DEV_1, hosts: [] })).not.toBe(a);
    expect(t.lookup(a, IMG_1)).toEqual({
      jobId: JOB_A,
      devices: new Map([
        [DEV_1, ['192.0.2.5']],
        [DEV_2, ['192.0.2.6']],
      ]),
    });
    expect(t.activeJobs).toBe(2);
  });

  it('finds nothing for an unknown token, an image not granted, or a malformed token', () => {
    const t = tokens();
    const a = t.grant(JOB_A, IMG_1, { id: DEV_1, hosts: [] });
    expect(t.lookup(a, IMG_2)).toBeNull();
    expect(t.lookup('tok0000000000000000099', IMG_1)).toBeNull();
    expect(t.lookup(`${a}/../x`, IMG_1)).toBeNull();
    expect(t.lookup('', IMG_1)).toBeNull();
  });

  it('revokes a job at once, and a later grant gets a fresh token', () => {
    const t = tokens();
    const a = t.grant(JOB_A, IMG_1, { id: DEV_1, hosts: [] });
    expect(t.revokeJob(JOB_A)).toBe(true);
    expect(t.revokeJob(JOB_A)).toBe(false);
    expect(t.lookup(a, IMG_1)).toBeNull();
    expect(t.grant(JOB_A, IMG_1, { id: DEV_1, hosts: [] })).not.toBe(a);
  });

  it('refuses a token source that does not give URL-safe 22-character tokens', () => {
    expect(() => new ServeTokens(() => 'short').grant(JOB_A, IMG_1, { id: DEV_1, hosts: [] })).toThrow();
    expect(TOKEN_PATTERN.test('AbC-_0123456789abcdefg')).toBe(true);
  });
});

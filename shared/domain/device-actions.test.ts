import { describe, expect, it } from 'vitest';
import { JobStepSchema } from './device-actions';

const SHA = 'a'.repeat(64);

describe('the firmware step', () => {
  it('refuses downgrades unless it says so; steps saved before the option still parse', () => {
    expect(JobStepSchema.parse({ action: 'firmware-update', images: [SHA] })).toEqual({
      action: 'firmware-update',
      images: [SHA],
      allowDowngrade: false,
    });
    expect(JobStepSchema.parse({ action: 'firmware-update', images: [SHA], allowDowngrade: true })).toEqual({
      action: 'firmware-update',
      images: [SHA],
      allowDowngrade: true,
    });
  });

  it.each([['yes'], [1], [null]])('rejects allowDowngrade %j with the field named', (value) => {
    const result = JobStepSchema.safeParse({
      action: 'firmware-update',
      images: [SHA],
      allowDowngrade: value,
    });
    expect(result.success).toBe(false);
    expect(result.error!.issues[0]).toMatchObject({
      path: ['allowDowngrade'],
      message: expect.stringMatching(/expected boolean/),
    });
  });
});

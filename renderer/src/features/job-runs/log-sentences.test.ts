import { describe, expect, it } from 'vitest';
import type { DeviceId } from '../../../../shared/domain/device';
import type { JobLogEntry } from '../../../../shared/domain/job';
import { logSentences } from './log-sentences';

const HALL = 'mac:a4cf12b3c4d5';
let seq = 0;
function line(
  event: string,
  from: string | null,
  to: string,
  detail: unknown = null,
  deviceId: string | null = HALL,
): JobLogEntry {
  seq += 1;
  return {
    seq,
    at: 1_700_000_000_000 + seq,
    deviceId: deviceId as DeviceId | null,
    event,
    from,
    to,
    detail: detail === null ? null : typeof detail === 'string' ? detail : JSON.stringify(detail),
  };
}

const context = {
  steps: [{ action: 'firmware-update' as const }, { action: 'reboot' as const }],
  nameOf: (id: string) => (id === HALL ? 'Hall Plug' : id),
};

const texts = (lines: JobLogEntry[]) => logSentences(lines, context).map((s) => s.text);

describe('logSentences', () => {
  it('tells a device’s run in sentences, naming each step and its attempt', () => {
    expect(
      texts([
        line('created', null, 'scheduled', null, null),
        line('job-started', 'scheduled', 'running', null, null),
        line('started', 'queued', 'running', { step: 0, attempt: 1 }),
        line('step-succeeded', 'running', 'running', { step: 1, attempt: 1 }),
        line('step-failed', 'running', 'queued', {
          reason: 'timeout',
          message: 'no answer in 30 s',
          attempt: 1,
        }),
        line('started', 'queued', 'running', { step: 1, attempt: 2 }),
        line('step-succeeded', 'running', 'succeeded'),
        line('completed', 'running', 'completed', null, null),
      ]),
    ).toEqual([
      'Job created.',
      'Job started.',
      'Hall Plug: step 1 (firmware update) started, attempt 1.',
      'Hall Plug: step 1 (firmware update) succeeded on attempt 1.',
      'Hall Plug: step 2 (reboot) failed on attempt 1: the device did not answer in time (no answer in 30 s); it will be tried again after a pause.',
      'Hall Plug: step 2 (reboot) started, attempt 2.',
      'Hall Plug: step 2 (reboot) succeeded on attempt 2. All steps done.',
      'Job finished.',
    ]);
  });

  it('never shows the journal’s event names or JSON in the sentence, only in the details', () => {
    const [sentence] = logSentences(
      [line('step-succeeded', 'running', 'running', { step: 1, attempt: 1 })],
      context,
    );
    expect(sentence!.text).toBe('Hall Plug: step 1 (firmware update) succeeded.');
    expect(sentence!.details).toBe('step-succeeded running → running {"step":1,"attempt":1}');
  });

  it('says why a device waits, is skipped or the job paused', () => {
    expect(
      texts([
        line('step-failed', 'running', 'waiting-offline', {
          reason: 'unreachable',
          message: null,
          attempt: 3,
        }),
        line('not-reached', 'waiting-offline', 'skipped', {
          reason: 'not-reached',
          message: null,
          attempt: 0,
        }),
        line('paused', 'running', 'paused', '30 % failed (limit 10 %)', null),
      ]),
    ).toEqual([
      'Hall Plug: a step failed on attempt 3: the device could not be reached; waiting for the device to come back online.',
      'Hall Plug skipped: it did not come online before the deadline.',
      'Job paused (30 % failed (limit 10 %)).',
    ]);
  });
});

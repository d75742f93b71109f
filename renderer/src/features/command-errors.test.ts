import { describe, expect, it } from 'vitest';
import { IpcError } from '../../../shared/ipc/result';
import { errorMessage } from './command-errors';

describe('errorMessage', () => {
  it('says what went wrong and what to do next, without the error code', () => {
    const message = errorMessage(new IpcError('UNAVAILABLE', '127.0.0.1:9: nothing known answered'));
    expect(message).toBe(
      '127.0.0.1:9: nothing known answered. Check that it is powered and on this network, then try again.',
    );
    expect(message).not.toContain('UNAVAILABLE');
  });

  it('ends a sentence once and keeps names as spelled', () => {
    expect(errorMessage(new IpcError('CONFLICT', 'upload already finished.'))).toBe(
      'upload already finished. Nothing was changed: check what the message names, then try again.',
    );
  });

  it('puts a failure that is not a command error in a sentence too', () => {
    expect(errorMessage(new Error('connection lost'))).toBe('connection lost.');
  });
});

import { plaintextRefusal } from '../../../../shared/domain/sync-transport';
import { DomainError } from '../../errors';

/**
 * Throws INVALID_INPUT for a plaintext URL to another computer (shared/domain/sync-transport.ts). The settings
 * save calls it, and so does every target's constructor: a stored target that breaks the rule (saved by an
 * older version, edited by hand) shows an error and never connects.
 */
export function assertEncryptedLink(url: string): void {
  const refusal = plaintextRefusal(url);
  if (refusal !== null) throw new DomainError('INVALID_INPUT', refusal);
}

/** Client TLS options every target sets explicitly: verify the server, nothing older than TLS 1.2. */
export const TLS_CLIENT = { rejectUnauthorized: true, minVersion: 'TLSv1.2' } as const;

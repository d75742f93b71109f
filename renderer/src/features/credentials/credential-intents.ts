import type { CredentialSetId, CredentialSetSave } from '../../../../shared/domain/credentials';
import type { DeviceId } from '../../../../shared/domain/device';
import { invoke } from '../../api/client';
import { credentialSetDeleted, credentialSetSaved, credentialsLoaded } from '../../stores/credentials-store';
import { viewChosen } from '../../stores/ui-store';
import { reportError } from '../command-errors';

/** Loads the sets (never their passwords). */
export async function loadCredentials(): Promise<void> {
  try {
    credentialsLoaded(await invoke('credentials.list', {}));
  } catch (error) {
    reportError(error);
  }
}

export async function showCredentials(): Promise<void> {
  viewChosen('credentials');
  await loadCredentials();
}

/**
 * Creates or changes a set. The password goes to main and is forgotten here at once; main keeps it in its
 * secret store and only ever says that one is stored. Resolves true when saved.
 */
export async function saveCredentialSet(input: CredentialSetSave): Promise<boolean> {
  try {
    credentialSetSaved(await invoke('credentials.save', input));
    // Marking a set the site default takes the mark off the previous one.
    if (input.siteDefault) await loadCredentials();
    return true;
  } catch (error) {
    reportError(error);
    return false;
  }
}

export async function deleteCredentialSet(id: string): Promise<void> {
  try {
    await invoke('credentials.delete', { id: id as CredentialSetId });
    credentialSetDeleted(id);
  } catch (error) {
    reportError(error);
  }
}

/** Gives devices their own set, or (null) sends them back to the site default; resolves with the count. */
export async function assignCredentialSet(
  deviceIds: readonly string[],
  credentialSetId: string | null,
): Promise<number | null> {
  try {
    const { assigned } = await invoke('credentials.assign', {
      deviceIds: deviceIds as DeviceId[],
      credentialSetId: credentialSetId as CredentialSetId | null,
    });
    await loadCredentials();
    return assigned;
  } catch (error) {
    reportError(error);
    return null;
  }
}

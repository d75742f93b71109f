import { createStore, useStore } from 'zustand';
import type { CredentialSet } from '../../../shared/domain/credentials';
import { memoizeLast } from './memo';

export interface CredentialsState {
  /** Sets as main reported them: never a password, only that one is stored. */
  byId: Record<string, CredentialSet>;
  isLoaded: boolean;
}

export const credentialsStore = createStore<CredentialsState>()(() => ({ byId: {}, isLoaded: false }));

/** `credentials.list`: the whole list (device counts and the site default change together). */
export function credentialsLoaded(sets: readonly CredentialSet[]): void {
  credentialsStore.setState({ byId: Object.fromEntries(sets.map((s) => [s.id, s])), isLoaded: true });
}

/** The answer of `credentials.save`; the site default may have moved, so the list is reloaded after it. */
export function credentialSetSaved(set: CredentialSet): void {
  credentialsStore.setState({ byId: { ...credentialsStore.getState().byId, [set.id]: set } });
}

export function credentialSetDeleted(id: string): void {
  const byId = { ...credentialsStore.getState().byId };
  delete byId[id];
  credentialsStore.setState({ byId });
}

const sortedSets = memoizeLast((byId: Record<string, CredentialSet>) =>
  Object.values(byId).sort((a, b) => a.name.localeCompare(b.name) || a.id.localeCompare(b.id)),
);

/** Sets by name. */
export function useCredentialSets(): CredentialSet[] {
  return sortedSets(useStore(credentialsStore, (s) => s.byId));
}

export function useCredentialSet(id: string | null): CredentialSet | undefined {
  return useStore(credentialsStore, (s) => (id ? s.byId[id] : undefined));
}

export function useCredentialsLoaded(): boolean {
  return useStore(credentialsStore, (s) => s.isLoaded);
}

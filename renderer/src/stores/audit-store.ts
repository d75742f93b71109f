import { createStore, useStore } from 'zustand';
import type { AuditEntry, AuditPage, AuditVerification, SessionInfo } from '../../../shared/domain/audit';

/** The audit view's filters as typed: dates are `YYYY-MM-DD` (local), empty means "any". */
export interface AuditFilters {
  /** A command name or a domain prefix ending in a dot (`jobs.`). */
  action: string;
  from: string;
  to: string;
  text: string;
  /** An operator's full name (any letter case); empty: everyone. */
  operator: string;
}

export interface AuditState {
  /** Who works in this session, as main says (null until loaded). */
  session: SessionInfo | null;
  /** The operator question is open: no operator yet, or the technician chose to change it. */
  isAskingOperator: boolean;
  entries: AuditEntry[];
  /** Where the next (older) page starts; null when everything matching is shown. */
  nextBeforeSeq: number | null;
  filters: AuditFilters;
  verification: AuditVerification | null;
}

export const EMPTY_AUDIT_FILTERS: AuditFilters = { action: '', from: '', to: '', text: '', operator: '' };

export const auditStore = createStore<AuditState>()(() => ({
  session: null,
  isAskingOperator: false,
  entries: [],
  nextBeforeSeq: null,
  filters: EMPTY_AUDIT_FILTERS,
  verification: null,
}));

/** Main's session: the question opens when nobody said who works yet. */
export function sessionLoaded(session: SessionInfo): void {
  auditStore.setState({ session, isAskingOperator: session.operator === null });
}

export function operatorChangeAsked(): void {
  auditStore.setState({ isAskingOperator: true });
}

/** Closes the question; only possible once someone is named (the first time it cannot be skipped). */
export function operatorChangeDismissed(): void {
  auditStore.setState((s) => ({ isAskingOperator: s.session?.operator == null }));
}

/** A page of entries: the first page replaces the list, an older one is appended. */
export function auditPageLoaded(page: AuditPage, isOlder: boolean): void {
  auditStore.setState((s) => ({
    entries: isOlder ? [...s.entries, ...page.entries] : page.entries,
    nextBeforeSeq: page.nextBeforeSeq,
  }));
}

export function auditVerified(verification: AuditVerification): void {
  auditStore.setState({ verification });
}

export function auditFiltersChanged(change: Partial<AuditFilters>): void {
  auditStore.setState((s) => ({ filters: { ...s.filters, ...change } }));
}

export function useAudit<T>(selector: (s: AuditState) => T): T {
  return useStore(auditStore, selector);
}

import type { AuditQuery } from '../../../../shared/domain/audit';
import { invoke } from '../../api/client';
import {
  auditPageLoaded,
  auditStore,
  auditVerified,
  sessionLoaded,
  type AuditFilters,
} from '../../stores/audit-store';
import { viewChosen } from '../../stores/ui-store';
import { errorMessage, reportError } from '../command-errors';

/** Asks main who works in this session; the operator question opens when nobody is named. */
export async function loadSession(): Promise<void> {
  try {
    sessionLoaded(await invoke('session.get', {}));
  } catch (error) {
    reportError(error);
  }
}

/** Names the session's operator. Resolves with main's refusal in words, or null once it is set. */
export async function chooseOperator(name: string): Promise<string | null> {
  try {
    sessionLoaded(await invoke('session.setOperator', { name }));
    return null;
  } catch (error) {
    return errorMessage(error);
  }
}

export async function showAudit(): Promise<void> {
  viewChosen('audit');
  await Promise.all([loadAudit(), verifyAudit(false)]);
}

/** The newest entries matching the filters (the first page). */
export async function loadAudit(): Promise<void> {
  await loadPage(undefined);
}

/** The next older page. */
export async function loadOlderAudit(): Promise<void> {
  const before = auditStore.getState().nextBeforeSeq;
  if (before !== null) await loadPage(before);
}

/** The chain's state as main last found it, or (`again`) after walking it now. */
export async function verifyAudit(again: boolean): Promise<void> {
  try {
    auditVerified(await invoke('audit.verify', { again }));
  } catch (error) {
    reportError(error);
  }
}

const PAGE = 100;

async function loadPage(beforeSeq: number | undefined): Promise<void> {
  try {
    const query = { ...auditQuery(auditStore.getState().filters), beforeSeq, limit: PAGE };
    auditPageLoaded(await invoke('audit.list', query), beforeSeq !== undefined);
  } catch (error) {
    reportError(error);
  }
}

/** The filters as main's query: dates are whole local days, `to` included. */
export function auditQuery(filters: AuditFilters): AuditQuery {
  const day = (text: string, plusDays = 0) => {
    const [y, m, d] = text.split('-').map(Number);
    return new Date(y!, m! - 1, d! + plusDays).getTime();
  };
  return {
    action: filters.action || undefined,
    from: filters.from ? day(filters.from) : undefined,
    to: filters.to ? day(filters.to, 1) : undefined,
    text: filters.text.trim() || undefined,
    operator: filters.operator.trim() || undefined,
  };
}

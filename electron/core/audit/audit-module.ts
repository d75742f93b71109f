import type { CommandHandlers } from '../../../shared/ipc/contract';
import { createDispatcher, type DispatcherOptions } from '../ipc/command-dispatcher';
import type { Clock, Logger } from '../ports';
import type { Outbox } from '../sync/outbox';
import type { Db } from '../storage/database';
import { AuditRepository } from '../storage/repositories/audit-repository';
import { AuditLog } from './audit-log';
import { AuditReader } from './audit-reader';
import { AUDIT_RULES } from './audit-rules';
import { auditedHandlers } from './audited-handlers';
import type { OperatorSession } from './operator-session';

export interface AuditModuleOptions {
  db: Db;
  clock: Clock;
  logger: Logger;
  /** Who works in this session: built before the jobs, whose sync records name the operator too. */
  session: OperatorSession;
  /** Where entries are queued for the back office, and the sender to wake once one is on disk. */
  sync: { outbox: Outbox; worker: { wake(): void } };
}

/**
 * The audit log, its reader and the operator session, built on the app's database. The chain is verified
 * here, at open (logged, and kept for `audit.verify` and the UI); `createDispatcher` audits the handler map.
 */
export function createAudit(options: AuditModuleOptions) {
  const { db, clock, logger } = options;
  const { session } = options;
  const repo = new AuditRepository(db);
  const audit = new AuditLog({
    repo,
    clock,
    logger,
    host: session.host,
    operator: () => session.operator(),
    outbox: options.sync.outbox,
    committed: () => options.sync.worker.wake(),
  });
  audit.verify();
  return {
    services: { audit, auditReader: new AuditReader(repo), session },
    /** The dispatcher over the audited handler map (it validates input before any handler, audited or not). */
    createDispatcher: (handlers: CommandHandlers, dispatcher: DispatcherOptions) =>
      createDispatcher(auditedHandlers(handlers, AUDIT_RULES, { audit, logger }), dispatcher),
  };
}

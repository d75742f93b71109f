import type { CommandHandlers } from '../../../../shared/ipc/contract';
import type { HandlerServices } from './services';

type AuditCommand = 'audit.list' | 'audit.verify' | 'session.get' | 'session.setOperator';

export function auditHandlers(s: HandlerServices): Pick<CommandHandlers, AuditCommand> {
  return {
    'audit.list': async (query) => s.auditReader.page(query),
    'audit.verify': async ({ again }) => (again ? s.audit.verify() : s.audit.verification()),
    'session.get': async () => s.session.info(),
    'session.setOperator': async ({ name }) => s.session.setOperator(name),
  };
}

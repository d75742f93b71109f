import type { CommandHandlers } from '../../../shared/ipc/contract';
import { auditHandlers } from './handlers/audit-handlers';
import { brokerHandlers } from './handlers/broker-handlers';
import { bundleHandlers } from './handlers/bundle-handlers';
import { credentialHandlers } from './handlers/credential-handlers';
import { discoveryHandlers } from './handlers/discovery-handlers';
import { groupHandlers } from './handlers/group-handlers';
import { inventoryHandlers } from './handlers/inventory-handlers';
import { jobHandlers } from './handlers/job-handlers';
import { firmwareHandlers } from './handlers/firmware-handlers';
import { templateHandlers } from './handlers/template-handlers';
import { historyHandlers } from './handlers/history-handlers';
import { reportHandlers } from './handlers/report-handlers';
import { syncHandlers } from './handlers/sync-handlers';
import type { HandlerServices } from './handlers/services';

export type { HandlerServices } from './handlers/services';

/** The whole handler map both hosts register: thin adapters, one core call each, one file per domain. */
export function createCommandHandlers(s: HandlerServices): CommandHandlers {
  return {
    'app.getInfo': async () => s.info,
    ...inventoryHandlers(s),
    ...groupHandlers(s),
    ...discoveryHandlers(s),
    ...credentialHandlers(s),
    ...jobHandlers(s),
    ...firmwareHandlers(s),
    ...templateHandlers(s),
    ...historyHandlers(s),
    ...reportHandlers(s),
    ...auditHandlers(s),
    ...brokerHandlers(s),
    ...bundleHandlers(s),
    ...syncHandlers(s),
  } satisfies CommandHandlers;
}

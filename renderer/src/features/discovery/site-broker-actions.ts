import type { BrokerStart, EmbeddedBrokerStatus } from '../../../../shared/domain/broker';
import { invoke } from '../../api/client';
import { errorMessage } from '../command-errors';

/** What a broker command answered: the new status, or the failure in the technician's words. */
export type BrokerOutcome = { ok: true; status: EmbeddedBrokerStatus } | { ok: false; message: string };

async function outcome(run: () => Promise<EmbeddedBrokerStatus>): Promise<BrokerOutcome> {
  try {
    return { ok: true, status: await run() };
  } catch (error) {
    return { ok: false, message: errorMessage(error) };
  }
}

export const loadBrokerStatus = () => outcome(() => invoke('broker.getStatus', {}));
export const startBroker = (input: BrokerStart) => outcome(() => invoke('broker.start', input));
export const stopBroker = () => outcome(() => invoke('broker.stop', {}));

import type { BrokerStart, EmbeddedBrokerStatus } from '../../../../shared/domain/broker';
import { IpcError } from '../../../../shared/ipc/result';
import { invoke } from '../../api/client';
import { errorMessage } from '../command-errors';
import { refusedFields, type BrokerFieldErrors } from './site-broker-fields';

/**
 * What a broker command answered: the new status, or the failure in the technician's words; a refused
 * field comes back as the field's own message, shown where it was typed.
 */
export type BrokerOutcome =
  | { ok: true; status: EmbeddedBrokerStatus }
  | { ok: false; message: string; fields: BrokerFieldErrors | null };

async function outcome(run: () => Promise<EmbeddedBrokerStatus>): Promise<BrokerOutcome> {
  try {
    return { ok: true, status: await run() };
  } catch (error) {
    const fields =
      error instanceof IpcError && error.code === 'INVALID_INPUT' ? refusedFields(error.details) : null;
    return {
      ok: false,
      message: fields ? 'Nothing was changed: correct the marked field and try again.' : errorMessage(error),
      fields,
    };
  }
}

export const loadBrokerStatus = () => outcome(() => invoke('broker.getStatus', {}));
export const startBroker = (input: BrokerStart) => outcome(() => invoke('broker.start', input));
export const stopBroker = () => outcome(() => invoke('broker.stop', {}));

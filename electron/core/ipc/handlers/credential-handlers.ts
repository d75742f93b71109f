import type { CommandHandlers } from '../../../../shared/ipc/contract';
import type { HandlerServices } from './services';

type CredentialCommand =
  | 'credentials.list'
  | 'credentials.save'
  | 'credentials.delete'
  | 'credentials.assign'
  | 'artifacts.list'
  | 'artifacts.get';

export function credentialHandlers(s: HandlerServices): Pick<CommandHandlers, CredentialCommand> {
  return {
    'credentials.list': async () => s.credentials.list(),
    'credentials.save': async (input) => s.credentials.save(input),
    'credentials.delete': async ({ id }) => ({ deleted: await s.credentials.delete(id) }),
    'credentials.assign': async ({ deviceIds, credentialSetId }) => {
      s.credentials.assign(deviceIds, credentialSetId);
      return { assigned: deviceIds.length };
    },
    'artifacts.list': async ({ deviceId }) => s.artifacts.list(deviceId),
    'artifacts.get': async ({ id }) => s.artifacts.get(id),
  };
}

import type { CommandHandlers } from '../../../../shared/ipc/contract';
import type { HandlerServices } from './services';

type DiscoveryCommand =
  | 'discovery.getStatus'
  | 'discovery.getSettings'
  | 'discovery.updateSettings'
  | 'discovery.saveBroker'
  | 'discovery.removeBroker'
  | 'discovery.listInterfaces'
  | 'discovery.addManual'
  | 'discovery.startScan'
  | 'discovery.cancelScan'
  | 'discovery.importCsv'
  | 'discovery.probeSerial';

export function discoveryHandlers(s: HandlerServices): Pick<CommandHandlers, DiscoveryCommand> {
  return {
    'discovery.getStatus': async () => s.discovery.status(),
    'discovery.getSettings': async () => s.settings.get(),
    'discovery.updateSettings': async (patch) => s.settings.update(patch),
    'discovery.saveBroker': async (input) => s.settings.saveBroker(input),
    'discovery.removeBroker': async ({ id }) => ({ removed: await s.settings.removeBroker(id) }),
    'discovery.listInterfaces': async () => s.settings.listInterfaces(),
    'discovery.addManual': async ({ host, port }) =>
      s.inventory.detail(await s.manual.add(host, port)).device,
    'discovery.startScan': async (request) => ({ scanId: s.manual.startScan(request) }),
    'discovery.cancelScan': async ({ scanId }) => ({ canceled: s.manual.cancelScan(scanId) }),
    'discovery.importCsv': async ({ contentBase64 }) => s.csv.import(Buffer.from(contentBase64, 'base64')),
    'discovery.probeSerial': async ({ path, baudRate }) => s.serial.probe(path, baudRate),
  };
}

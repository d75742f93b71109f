import type { CommandHandlers } from '../../../../shared/ipc/contract';
import type { HandlerServices } from './services';

type BundleCommand =
  | 'bundle.export'
  | 'bundle.exportChunk'
  | 'bundle.beginUpload'
  | 'bundle.uploadChunk'
  | 'bundle.preview'
  | 'bundle.import';

export function bundleHandlers(s: HandlerServices): Pick<CommandHandlers, BundleCommand> {
  return {
    'bundle.export': async ({ include }) => s.bundles.export(include),
    'bundle.exportChunk': async (input) => s.bundles.exportChunk(input),
    'bundle.beginUpload': async (input) => s.bundles.beginUpload(input),
    'bundle.uploadChunk': async (input) => s.bundles.uploadChunk(input),
    'bundle.preview': async (input) => s.bundles.preview(input),
    'bundle.import': async (input) => s.bundles.import(input),
  };
}

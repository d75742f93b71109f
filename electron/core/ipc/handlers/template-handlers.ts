import type { CommandHandlers } from '../../../../shared/ipc/contract';
import type { HandlerServices } from './services';

type TemplateCommand = Extract<keyof CommandHandlers, `templates.${string}`>;

export function templateHandlers(s: HandlerServices): Pick<CommandHandlers, TemplateCommand> {
  return {
    'templates.list': async () => s.templates.list(),
    'templates.get': async ({ templateId, version }) => s.templates.get(templateId, version),
    'templates.load': async ({ templateId, version }) => s.templates.load(templateId, version),
    'templates.history': async ({ templateId }) => s.templates.history(templateId),
    'templates.save': async (input) => s.templates.save(input),
    'templates.diff': async ({ templateId, from, to }) => s.templates.diff(templateId, from, to),
    'templates.restore': async ({ templateId, version }) => s.templates.restore(templateId, version),
    'templates.delete': async ({ templateId }) => ({ removed: s.templates.delete(templateId) }),
    'templates.export': async ({ templateId, version, format }) =>
      s.templates.export(templateId, version, format),
    'templates.import': async ({ content }) => s.templates.import(content),
  };
}

import { createStore, useStore } from 'zustand';
import type {
  TemplateChange,
  TemplateFileIssue,
  TemplateSummary,
  TemplateVersionMeta,
} from '../../../shared/domain/templates';
import type { TemplateProblem } from '../../../shared/domain/template-refs';
import { memoizeLast } from './memo';

/** The versions of the template whose history is open, as `templates.history` answered (newest first). */
export interface OpenHistory {
  templateId: string;
  versions: TemplateVersionMeta[];
}

/** `templates.diff` between two versions of the open template. */
export interface VersionDiff {
  templateId: string;
  from: number;
  to: number;
  changes: TemplateChange[];
}

/** The last file import: main's verdict, with every problem it found at its path and line. */
export type TemplateImport =
  | { state: 'idle' }
  | { state: 'importing'; fileName: string }
  | { state: 'done'; fileName: string; name: string; templateId: string; problems: TemplateProblem[] }
  | { state: 'failed'; fileName: string; message: string; issues: TemplateFileIssue[] };

export interface TemplatesState {
  byId: Record<string, TemplateSummary>;
  isLoaded: boolean;
  history: OpenHistory | null;
  diff: VersionDiff | null;
  lastImport: TemplateImport;
}

export const templatesStore = createStore<TemplatesState>()(() => ({
  byId: {},
  isLoaded: false,
  history: null,
  diff: null,
  lastImport: { state: 'idle' },
}));

export function templatesLoaded(templates: readonly TemplateSummary[]): void {
  templatesStore.setState({ byId: Object.fromEntries(templates.map((t) => [t.id, t])), isLoaded: true });
}

/** A history was opened or grew (restore). Versions never change, so a diff of the same template stays true. */
export function templateHistoryLoaded(templateId: string, versions: readonly TemplateVersionMeta[]): void {
  const { diff } = templatesStore.getState();
  templatesStore.setState({
    history: { templateId, versions: [...versions] },
    diff: diff?.templateId === templateId ? diff : null,
  });
}

export function templateHistoryClosed(): void {
  templatesStore.setState({ history: null, diff: null });
}

export function templateDiffLoaded(diff: VersionDiff): void {
  templatesStore.setState({ diff });
}

export function templateDeleted(templateId: string): void {
  const { byId, history } = templatesStore.getState();
  const rest = { ...byId };
  delete rest[templateId];
  const isOpen = history?.templateId === templateId;
  templatesStore.setState({ byId: rest, ...(isOpen ? { history: null, diff: null } : {}) });
}

export function templateImportChanged(lastImport: TemplateImport): void {
  templatesStore.setState({ lastImport });
}

const sortedTemplates = memoizeLast((byId: Record<string, TemplateSummary>) =>
  Object.values(byId).sort((a, b) => b.updatedAt - a.updatedAt || a.name.localeCompare(b.name)),
);

/** Newest change first, as main lists them. */
export function useTemplates(): TemplateSummary[] {
  return sortedTemplates(useStore(templatesStore, (s) => s.byId));
}

export function useTemplate(id: string | null): TemplateSummary | undefined {
  return useStore(templatesStore, (s) => (id ? s.byId[id] : undefined));
}

export function useTemplatesState<T>(selector: (s: TemplatesState) => T): T {
  return useStore(templatesStore, selector);
}

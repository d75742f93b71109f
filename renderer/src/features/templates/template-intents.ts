import { z } from 'zod';
import {
  TemplateImportSchema,
  type TemplateFileIssue,
  type TemplateId,
} from '../../../../shared/domain/templates';
import { IpcError } from '../../../../shared/ipc/result';
import { invoke } from '../../api/client';
import { downloadText } from '../../components/download';
import {
  templateDeleted,
  templateDiffLoaded,
  templateHistoryClosed,
  templateHistoryLoaded,
  templateImportChanged,
  templatesLoaded,
  templatesStore,
} from '../../stores/templates-store';
import { viewChosen } from '../../stores/ui-store';
import { errorMessage, reportError } from '../command-errors';
import { createGroupFromTemplate } from './template-group-intents';
import type { MissingGroup } from './template-problems';

const MIME = { json: 'application/json', yaml: 'application/yaml' } as const;

/**
 * Problems main reported for a refused import: the file's issues carry a line; a payload the contract itself
 * refused (e.g. over 1 MB) has none.
 */
const ImportIssuesSchema = z.array(
  z.object({ path: z.string(), line: z.number().int().nullable().default(null), message: z.string() }),
);

const asId = (id: string) => id as TemplateId;

export async function loadTemplates(): Promise<void> {
  try {
    templatesLoaded(await invoke('templates.list', {}));
  } catch (error) {
    reportError(error);
  }
}

export async function showTemplates(): Promise<void> {
  viewChosen('templates');
  await loadTemplates();
}

export async function openHistory(templateId: string): Promise<void> {
  try {
    templateHistoryLoaded(templateId, await invoke('templates.history', { templateId: asId(templateId) }));
  } catch (error) {
    reportError(error);
  }
}

export function closeHistory(): void {
  templateHistoryClosed();
}

export async function compareVersions(templateId: string, from: number, to: number): Promise<void> {
  try {
    const changes = await invoke('templates.diff', { templateId: asId(templateId), from, to });
    templateDiffLoaded({ templateId, from, to, changes });
  } catch (error) {
    reportError(error);
  }
}

/** Makes an old version current again (main saves it as a new version); the list and history follow. */
export async function restoreVersion(templateId: string, version: number): Promise<void> {
  try {
    await invoke('templates.restore', { templateId: asId(templateId), version });
    await Promise.all([loadTemplates(), openHistory(templateId)]);
  } catch (error) {
    reportError(error);
  }
}

export async function deleteTemplate(templateId: string): Promise<void> {
  try {
    await invoke('templates.delete', { templateId: asId(templateId) });
    templateDeleted(templateId);
  } catch (error) {
    reportError(error);
  }
}

/** Saves the current version as a file, named by main (`<name>.v<version>.<format>`). */
export async function exportTemplateFile(templateId: string, format: 'json' | 'yaml'): Promise<void> {
  try {
    const file = await invoke('templates.export', { templateId: asId(templateId), format });
    downloadText(file.fileName, file.content, MIME[format]);
  } catch (error) {
    reportError(error);
  }
}

function importIssues(error: unknown): TemplateFileIssue[] {
  if (!(error instanceof IpcError) || error.code !== 'INVALID_INPUT') return [];
  const issues = ImportIssuesSchema.safeParse(error.details);
  return issues.success ? issues.data : [];
}

/** Reads a JSON or YAML file as text and imports it as a new template; a refusal lists every problem. */
export async function importTemplateFile(file: File): Promise<void> {
  const fileName = file.name;
  templateImportChanged({ state: 'importing', fileName });
  try {
    // The contract's own schema refuses an oversized file here, before it is sent.
    const request = TemplateImportSchema.safeParse({
      fileName: fileName.slice(0, 255),
      content: await file.text(),
    });
    if (!request.success) {
      const message = request.error.issues[0]?.message ?? 'not a template file';
      return templateImportChanged({ state: 'failed', fileName, message, issues: [] });
    }
    const { template, problems } = await invoke('templates.import', request.data);
    templateImportChanged({
      state: 'done',
      fileName,
      name: template.name,
      templateId: template.templateId,
      problems,
    });
    await loadTemplates();
  } catch (error) {
    templateImportChanged({
      state: 'failed',
      fileName,
      message: errorMessage(error),
      issues: importIssues(error),
    });
  }
}

/**
 * Creates a group the imported template names but this install lacks, then resolves the template again, so
 * the report lists only what is still missing.
 */
export async function createImportedTemplateGroup(problem: MissingGroup): Promise<void> {
  const last = templatesStore.getState().lastImport;
  if (last.state !== 'done' || !problem.group) return;
  if (!(await createGroupFromTemplate(problem.group))) return;
  try {
    const { problems } = await invoke('templates.load', { templateId: asId(last.templateId) });
    templateImportChanged({ ...last, problems });
  } catch (error) {
    reportError(error);
  }
}

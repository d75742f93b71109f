import type { StepAction } from '../../../../shared/domain/device-actions';
import { withoutUnresolved } from '../../../../shared/domain/template-refs';
import type { TemplateId } from '../../../../shared/domain/templates';
import { invoke } from '../../api/client';
import { selectedIds } from '../../stores/selection-store';
import { viewChosen } from '../../stores/ui-store';
import { errorMessage, reportError } from '../command-errors';
import { loadCredentials } from '../credentials/credential-intents';
import { loadFirmwareLibrary } from '../firmware/firmware-intents';
import { planJob, startJob, type StartOutcome } from '../job-runs/start-job';
import {
  draftChecked,
  draftEdited,
  jobBuilderStore,
  planFailed,
  planReceived,
  planRequested,
  startRefused,
  startRequested,
  stepKeyTaken,
  templateChosen,
  templateGroupCreated,
  templateProblemsShown,
  templatesListed,
  wizardClosed,
  wizardOpened,
  wizardPageShown,
} from './job-builder-store';
import {
  checkJobDraft,
  emptyJobDraft,
  errorsOnPages,
  jobDraftOf,
  pageOf,
  WIZARD_PAGES,
  type JobDraft,
} from './job-draft';
import { newStepDraft } from './step-draft';
import { createGroupFromTemplate } from '../templates/template-group-intents';
import type { MissingGroup } from '../templates/template-problems';

const errorsOf = (draft: JobDraft) => {
  const checked = checkJobDraft(draft);
  return 'errors' in checked ? checked.errors : {};
};

/** Opens the wizard on the Jobs screen, its targets taken from the inventory selection. */
export function newJob(): void {
  viewChosen('jobs');
  wizardOpened(emptyJobDraft(selectedIds()), null);
  void loadTemplates();
}

/** Every edit of the draft; the messages of pages already checked follow the edit. */
export function editDraft(draft: JobDraft): void {
  draftEdited(draft, jobBuilderStore.getState().checkedPages.length > 0 ? errorsOf(draft) : {});
}

/** What a step's form chooses from: the firmware library, the credential sets. */
function loadChoicesFor(actions: readonly StepAction[]): void {
  if (actions.includes('firmware-update')) void loadFirmwareLibrary();
  if (actions.includes('set-password')) void loadCredentials();
}

export function addStep(action: StepAction): void {
  loadChoicesFor([action]);
  const { draft } = jobBuilderStore.getState();
  editDraft({ ...draft, steps: [...draft.steps, { key: stepKeyTaken(), step: newStepDraft(action) }] });
}

/** Next page, unless this one has errors: they are shown at their fields instead. */
export function nextPage(): void {
  const { page, draft } = jobBuilderStore.getState();
  const errors = errorsOf(draft);
  draftChecked(errors, [page]);
  if (Object.keys(errorsOnPages([page], errors)).length > 0) return;
  const next = WIZARD_PAGES[WIZARD_PAGES.indexOf(page) + 1];
  if (next && next !== 'dry-run') wizardPageShown(next);
}

export function previousPage(): void {
  const { page } = jobBuilderStore.getState();
  const previous = WIZARD_PAGES[WIZARD_PAGES.indexOf(page) - 1];
  if (previous) wizardPageShown(previous);
}

/**
 * The dry run: the whole spec must validate (else the first page with a problem is shown with its messages);
 * then main resolves the targets and says, per device, what would happen. Nothing is sent to any device.
 */
export async function runDryRun(): Promise<void> {
  const checked = checkJobDraft(jobBuilderStore.getState().draft);
  if ('errors' in checked) {
    draftChecked(checked.errors, WIZARD_PAGES);
    const pages = Object.keys(checked.errors).map(pageOf);
    wizardPageShown(WIZARD_PAGES.find((p) => pages.includes(p)) ?? 'targets');
    return;
  }
  draftChecked({}, WIZARD_PAGES);
  planRequested();
  try {
    const { plan } = await planJob(checked.spec);
    planReceived(plan, checked.spec);
  } catch (error) {
    planFailed(errorMessage(error));
  }
}

/** What a refused start means for the technician (the dry run was run again after `plan-changed`). */
function startRefusalWords(refusal: Extract<StartOutcome, { state: 'refused' }>): string {
  switch (refusal.problem) {
    case 'plan-changed':
      return 'The devices changed since this dry run; it was run again: check it and start again.';
    case 'confirmation-required':
      return 'The typed name does not match the job’s name.';
    case 'nothing-to-run':
      return 'Every device is skipped: there is nothing to run.';
    default:
      return errorMessage(refusal.error);
  }
}

/** Starts the job the dry run showed, confirming its device count (and the typed name of a destructive job). */
export async function startPlannedJob(typedConfirmation: string | undefined): Promise<void> {
  const { plan } = jobBuilderStore.getState();
  if (plan.state !== 'planned') return;
  startRequested();
  // The wizard lives on the Jobs screen: once the job exists, the monitor takes its place and follows it.
  const outcome = await startJob(plan, { typedConfirmation, onStarted: wizardClosed });
  if (outcome.state === 'started') return;
  if (outcome.problem === 'plan-changed') await runDryRun();
  startRefused(startRefusalWords(outcome));
}

export async function loadTemplates(): Promise<void> {
  try {
    templatesListed(await invoke('templates.list', {}));
  } catch (error) {
    reportError(error);
  }
}

/**
 * Replaces the draft with a template's current version as main resolved it here: groups and images not found
 * are left out of the draft and listed above it, never dropped without a word.
 */
export async function startFromTemplate(templateId: string): Promise<void> {
  try {
    const load = await invoke('templates.load', { templateId: templateId as TemplateId });
    const { nextKey } = jobBuilderStore.getState();
    const spec = withoutUnresolved(load);
    wizardOpened(jobDraftOf(spec, nextKey), { id: load.template.templateId, name: load.template.name });
    templateProblemsShown(load.problems);
    loadChoicesFor(spec.steps.map((s) => s.action));
  } catch (error) {
    reportError(error);
  }
}

/**
 * Creates a group the loaded template names but this install lacks and makes it a target of the draft; the
 * template is resolved again, so a fixed group whose members are not all here is then named as different.
 */
export async function createTemplateGroup(problem: MissingGroup): Promise<void> {
  const { template } = jobBuilderStore.getState();
  if (!problem.group || !template) return;
  const group = await createGroupFromTemplate(problem.group);
  if (!group) return;
  templateGroupCreated(group.id);
  try {
    const load = await invoke('templates.load', { templateId: template.id as TemplateId });
    templateProblemsShown(load.problems);
  } catch (error) {
    reportError(error);
  }
}

/**
 * Saves the draft as a template (or as a new version of the one it came from). Resolves with what to tell
 * the technician; a draft that does not validate shows its messages instead.
 */
export async function saveAsTemplate(input: {
  name: string;
  note: string;
  isNewVersion: boolean;
}): Promise<string | null> {
  const { draft, template } = jobBuilderStore.getState();
  const checked = checkJobDraft(draft);
  if ('errors' in checked) {
    draftChecked(checked.errors, WIZARD_PAGES);
    return 'The job has problems (shown at their fields): fix them before saving it as a template.';
  }
  try {
    const saved = await invoke('templates.save', {
      ...(input.isNewVersion && template ? { templateId: template.id as TemplateId } : {}),
      name: input.name,
      spec: checked.spec,
      note: input.note,
    });
    templateChosen({ id: saved.templateId, name: saved.name });
    await loadTemplates();
    return `Saved as template “${saved.name}”, version ${saved.version}.`;
  } catch (error) {
    return `Not saved: ${errorMessage(error)}`;
  }
}

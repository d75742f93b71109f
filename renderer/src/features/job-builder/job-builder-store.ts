import { createStore, useStore } from 'zustand';
import type { JobPlan, JobSpec } from '../../../../shared/domain/job';
import type { TemplateProblem } from '../../../../shared/domain/template-refs';
import type { TemplateSummary } from '../../../../shared/domain/templates';
import { emptyJobDraft, errorsOnPages, type DraftErrors, type JobDraft, type WizardPage } from './job-draft';

/** The dry run of the spec as it was when the technician asked; any edit drops it. */
export type PlanState =
  | { state: 'none' }
  | { state: 'planning' }
  | { state: 'planned'; plan: JobPlan; spec: JobSpec }
  | { state: 'failed'; error: string };

export type StartState =
  { state: 'idle' } | { state: 'confirming' } | { state: 'starting' } | { state: 'refused'; error: string };

/** The job wizard: UI state of this window only; nothing here exists in main until the job starts. */
export interface JobBuilderState {
  isOpen: boolean;
  page: WizardPage;
  draft: JobDraft;
  /** Messages of the pages in `checkedPages`, by spec path. */
  errors: DraftErrors;
  /**
   * Pages the technician tried to leave (all of them once a dry run or a save was asked for): their messages
   * follow each edit, so a corrected field loses its message at once; other pages stay quiet until then.
   */
  checkedPages: WizardPage[];
  plan: PlanState;
  start: StartState;
  templates: TemplateSummary[];
  /** The template the draft came from or was saved as, so a save can add a version to it. */
  template: { id: string; name: string } | null;
  /** What the loaded template refers to that this install lacks or has differently (`templates.load`). */
  templateProblems: TemplateProblem[];
  /** Key of the next step added (keys keep a step's form state through reordering). */
  nextKey: number;
}

export const jobBuilderStore = createStore<JobBuilderState>()(() => ({
  isOpen: false,
  page: 'targets',
  draft: emptyJobDraft([]),
  errors: {},
  checkedPages: [],
  plan: { state: 'none' },
  start: { state: 'idle' },
  templates: [],
  template: null,
  templateProblems: [],
  nextKey: 1,
}));

const set = (patch: Partial<JobBuilderState>) => jobBuilderStore.setState(patch);

/** A fresh wizard over `draft` (a new job, or a template's spec); `nextKey` continues after its steps. */
export function wizardOpened(draft: JobDraft, template: JobBuilderState['template']): void {
  const keys = draft.steps.map((s) => s.key);
  set({
    isOpen: true,
    page: 'targets',
    draft,
    errors: {},
    checkedPages: [],
    plan: { state: 'none' },
    start: { state: 'idle' },
    template,
    templateProblems: [],
    nextKey: Math.max(jobBuilderStore.getState().nextKey, ...keys.map((k) => k + 1)),
  });
}

export function wizardClosed(): void {
  set({ isOpen: false, start: { state: 'idle' } });
}

export function wizardPageShown(page: WizardPage): void {
  set({ page });
}

/** An edit, with every message of the draft: the dry run no longer describes it, so it is dropped. */
export function draftEdited(draft: JobDraft, errors: DraftErrors): void {
  const { checkedPages } = jobBuilderStore.getState();
  set({
    draft,
    errors: errorsOnPages(checkedPages, errors),
    plan: { state: 'none' },
    start: { state: 'idle' },
  });
}

/** A key for a new step. */
export function stepKeyTaken(): number {
  const { nextKey } = jobBuilderStore.getState();
  set({ nextKey: nextKey + 1 });
  return nextKey;
}

/** The draft was checked for leaving `pages`: their messages are shown, and from now on follow each edit. */
export function draftChecked(errors: DraftErrors, pages: readonly WizardPage[]): void {
  const checkedPages = [...new Set([...jobBuilderStore.getState().checkedPages, ...pages])];
  set({ errors: errorsOnPages(checkedPages, errors), checkedPages });
}

export function planRequested(): void {
  set({ plan: { state: 'planning' } });
}

export function planReceived(plan: JobPlan, spec: JobSpec): void {
  set({ plan: { state: 'planned', plan, spec }, page: 'dry-run' });
}

export function planFailed(error: string): void {
  set({ plan: { state: 'failed', error } });
}

export function startAsked(): void {
  set({ start: { state: 'confirming' } });
}

export function startDismissed(): void {
  set({ start: { state: 'idle' } });
}

export function startRequested(): void {
  set({ start: { state: 'starting' } });
}

export function startRefused(error: string): void {
  set({ start: { state: 'refused', error } });
}

export function templatesListed(templates: readonly TemplateSummary[]): void {
  set({ templates: [...templates] });
}

export function templateChosen(template: JobBuilderState['template']): void {
  set({ template });
}

export function templateProblemsShown(problems: readonly TemplateProblem[]): void {
  set({ templateProblems: [...problems] });
}

/** A group the template named was created here: it becomes a target (main then says what is still missing). */
export function templateGroupCreated(groupId: string): void {
  const { draft } = jobBuilderStore.getState();
  set({
    draft: { ...draft, groupIds: [...new Set([...draft.groupIds, groupId])] },
    plan: { state: 'none' },
  });
}

export function useJobBuilder<T>(selector: (s: JobBuilderState) => T): T {
  return useStore(jobBuilderStore, selector);
}

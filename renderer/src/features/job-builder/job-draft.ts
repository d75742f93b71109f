import { JobSpecSchema, type JobSpec } from '../../../../shared/domain/job';
import { errorsByPath } from '../../components/schema-form/schema-draft';
import { defaultPolicyDraft, policyDraftOf, policyInputOf, type PolicyDraft } from './policy-draft';
import { stepDraftOf, stepInputOf, type StepDraft } from './step-draft';

/** A step in the wizard's list; `key` stays with it when steps are reordered. */
export interface KeyedStep {
  key: number;
  step: StepDraft;
}

/** Everything the wizard edits: the job spec as the technician is typing it. */
export interface JobDraft {
  name: string;
  deviceIds: string[];
  groupIds: string[];
  includeNewMembers: boolean;
  steps: KeyedStep[];
  policy: PolicyDraft;
}

export const WIZARD_PAGES = ['targets', 'steps', 'policy', 'dry-run'] as const;
export type WizardPage = (typeof WIZARD_PAGES)[number];

/** Messages by spec path (`name`, `steps.0.images`, `policy.concurrency`), the first one per path. */
export type DraftErrors = Record<string, string>;

export function emptyJobDraft(deviceIds: readonly string[]): JobDraft {
  return {
    name: '',
    deviceIds: [...deviceIds],
    groupIds: [],
    includeNewMembers: false,
    steps: [],
    policy: defaultPolicyDraft(),
  };
}

/** A saved spec (a template) as a draft; step keys continue from `firstKey`. */
export function jobDraftOf(spec: JobSpec, firstKey: number): JobDraft {
  return {
    name: spec.name,
    deviceIds: [...spec.targets.deviceIds],
    groupIds: [...spec.targets.groupIds],
    includeNewMembers: spec.targets.includeNewMembers,
    steps: spec.steps.map((step, i) => ({ key: firstKey + i, step: stepDraftOf(step) })),
    policy: policyDraftOf(spec.policy),
  };
}

function specInputOf(draft: JobDraft): unknown {
  return {
    version: 1,
    name: draft.name,
    targets: {
      deviceIds: draft.deviceIds,
      groupIds: draft.groupIds,
      includeNewMembers: draft.includeNewMembers,
    },
    steps: draft.steps.map((s) => stepInputOf(s.step)),
    policy: policyInputOf(draft.policy),
  };
}

/** Choices the schema would word poorly (an empty pick fails a pattern or a length): said plainly instead. */
function unfinishedChoices(draft: JobDraft): DraftErrors {
  const errors: DraftErrors = {};
  draft.steps.forEach(({ step }, i) => {
    if (step.action === 'set-password' && step.choice === '') {
      errors[`steps.${i}.credentialSetId`] = 'choose a credential set, or “no password”';
    }
    if (step.action === 'firmware-update' && step.images.length === 0) {
      errors[`steps.${i}.images`] = 'choose at least one image';
    }
  });
  if (draft.steps.length === 0) errors.steps = 'add at least one step';
  return errors;
}

/** Validates the draft with the contract's spec schema: the spec main would accept, or the messages by path. */
export function checkJobDraft(draft: JobDraft): { spec: JobSpec } | { errors: DraftErrors } {
  const parsed = JobSpecSchema.safeParse(specInputOf(draft));
  const unfinished = unfinishedChoices(draft);
  if (parsed.success && Object.keys(unfinished).length === 0) return { spec: parsed.data };
  return { errors: { ...(parsed.success ? {} : errorsByPath(parsed.error.issues)), ...unfinished } };
}

/** The wizard page where the field at `path` is edited. */
export function pageOf(path: string): WizardPage {
  if (path.startsWith('steps')) return 'steps';
  if (path.startsWith('policy')) return 'policy';
  return 'targets';
}

/** The errors of the given pages. */
export function errorsOnPages(pages: readonly WizardPage[], errors: DraftErrors): DraftErrors {
  return Object.fromEntries(Object.entries(errors).filter(([path]) => pages.includes(pageOf(path))));
}

/** The message at `path` or at a field inside it (`policy.waves` also shows `policy.waves.sizes.1`). */
export function errorAt(errors: DraftErrors, path: string): string | undefined {
  if (errors[path]) return errors[path];
  const inner = Object.keys(errors).find((p) => p.startsWith(`${path}.`));
  return inner === undefined ? undefined : errors[inner];
}

/** The errors inside `prefix`, keyed relative to it (for a generated form rooted there). */
export function errorsUnder(errors: DraftErrors, prefix: string): DraftErrors {
  return Object.fromEntries(
    Object.entries(errors).flatMap(([path, message]) =>
      path === prefix
        ? [['', message]]
        : path.startsWith(`${prefix}.`)
          ? [[path.slice(prefix.length + 1), message]]
          : [],
    ),
  );
}

import { useState } from 'react';
import { STEP_ACTIONS, DESTRUCTIVE_ACTIONS, type StepAction } from '../../../../shared/domain/device-actions';
import { FieldError } from '../../components/field-error';
import { addStep, editDraft } from './job-builder-intents';
import { useJobBuilder } from './job-builder-store';
import type { KeyedStep } from './job-draft';
import { StepEditor, stepName } from './step-editor';

function moved(steps: KeyedStep[], from: number, to: number): KeyedStep[] {
  const next = [...steps];
  const [step] = next.splice(from, 1);
  next.splice(to, 0, step!);
  return next;
}

/** The ordered steps, each with its form; added, removed and reordered here. */
export function StepsPage() {
  const draft = useJobBuilder((s) => s.draft);
  const errors = useJobBuilder((s) => s.errors);
  const [toAdd, setToAdd] = useState<StepAction>('reboot');
  const setSteps = (steps: KeyedStep[]) => editDraft({ ...draft, steps });
  const count = draft.steps.length;
  return (
    <div className="steps-page">
      <p className="hint">
        Each device runs the steps in order; a step counts only when the device confirms it.
      </p>
      {count === 0 && <p className="empty">No steps yet.</p>}
      <ol className="step-list" aria-label="Steps">
        {draft.steps.map(({ key, step }, index) => {
          const path = `steps.${index}`;
          const title = `Step ${index + 1}: ${stepName(step.action)}`;
          return (
            <li key={key} className="step-card" data-action={step.action}>
              <header className="step-header">
                <h4>{title}</h4>
                {DESTRUCTIVE_ACTIONS.has(step.action) && (
                  <span className="badge badge-failed">destructive</span>
                )}
                <button
                  type="button"
                  disabled={index === 0}
                  aria-label={`Move step ${index + 1} up`}
                  onClick={() => setSteps(moved(draft.steps, index, index - 1))}
                >
                  ↑
                </button>
                <button
                  type="button"
                  disabled={index === count - 1}
                  aria-label={`Move step ${index + 1} down`}
                  onClick={() => setSteps(moved(draft.steps, index, index + 1))}
                >
                  ↓
                </button>
                <button
                  type="button"
                  className="link"
                  aria-label={`Remove step ${index + 1}`}
                  onClick={() => setSteps(draft.steps.filter((s) => s.key !== key))}
                >
                  Remove
                </button>
              </header>
              <FieldError id={`${path}-error`} message={errors[path]} />
              <StepEditor
                step={step}
                path={path}
                errors={errors}
                onChange={(next) =>
                  setSteps(draft.steps.map((s) => (s.key === key ? { key, step: next } : s)))
                }
              />
            </li>
          );
        })}
      </ol>
      <div className="inline-form add-step">
        <label>
          Step to add{' '}
          <select value={toAdd} onChange={(e) => setToAdd(e.target.value as StepAction)}>
            {STEP_ACTIONS.map((action) => (
              <option key={action} value={action}>
                {stepName(action)}
              </option>
            ))}
          </select>
        </label>
        <button type="button" onClick={() => addStep(toAdd)} disabled={count >= 20}>
          Add step
        </button>
      </div>
      <p role={errors.steps ? 'alert' : undefined}>
        <FieldError id="steps-error" message={errors.steps} />
      </p>
    </div>
  );
}

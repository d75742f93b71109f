import { useId, type ReactNode } from 'react';
import { FieldError } from './field-error';

export interface ExplainedControlProps {
  id: string;
  'aria-describedby': string;
  'aria-invalid'?: true;
}

interface ExplainedFieldProps {
  label: string;
  /** One line on what the setting does (and its default), read out with the control. */
  explain: ReactNode;
  /** The schema's message when the value is invalid. */
  error?: string;
  /** Shown after the control, e.g. a typed duration in words. */
  echo?: string;
  children: (field: ExplainedControlProps) => ReactNode;
}

/** Label, control, a one-line explanation and the validation message, all tied to the control. */
export function ExplainedField({ label, explain, error, echo, children }: ExplainedFieldProps) {
  const id = useId();
  const explainId = `${id}-explain`;
  const errorId = `${id}-error`;
  return (
    <div className="field explained-field">
      <label htmlFor={id}>{label}</label>
      <span className="explained-control">
        {children({
          id,
          'aria-describedby': error ? `${explainId} ${errorId}` : explainId,
          ...(error ? { 'aria-invalid': true as const } : {}),
        })}
        {echo && <span className="muted">{echo}</span>}
      </span>
      <span id={explainId} className="hint">
        {explain}
      </span>
      <FieldError id={errorId} message={error} />
    </div>
  );
}

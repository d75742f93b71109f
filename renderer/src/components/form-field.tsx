import { useId, type ReactNode } from 'react';
import { FieldError } from './field-error';

export interface FieldProps {
  id: string;
  'aria-invalid'?: true;
  'aria-describedby'?: string;
}

interface FormFieldProps {
  label: string;
  /** The schema's message when the value is invalid. */
  error?: string;
  className?: string;
  /** Renders the control with the props that tie it to the label and the message. */
  children: (field: FieldProps) => ReactNode;
}

/** Label, control and validation message; the message stays out of the label, so it is not the field's name. */
export function FormField({ label, error, className, children }: FormFieldProps) {
  const id = useId();
  const errorId = `${id}-error`;
  return (
    <div className={className ? `field ${className}` : 'field'}>
      <label htmlFor={id}>{label}</label>
      {children({
        id,
        ...(error ? { 'aria-invalid': true as const, 'aria-describedby': errorId } : {}),
      })}
      <FieldError id={errorId} message={error} />
    </div>
  );
}

import { useId } from 'react';
import { FieldError } from '../../components/field-error';

export function GroupNameField(props: { value: string; error?: string; onChange: (name: string) => void }) {
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={`${id}-name`}>Group name</label>
      <input
        id={`${id}-name`}
        value={props.value}
        aria-invalid={props.error ? true : undefined}
        aria-describedby={props.error ? `${id}-error` : undefined}
        onChange={(e) => props.onChange(e.target.value)}
      />
      <FieldError id={`${id}-error`} message={props.error} />
    </div>
  );
}

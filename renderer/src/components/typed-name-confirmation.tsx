import type { ReactNode } from 'react';

/** The field that makes a technician type a job's name before something that cannot be undone. */
export function TypedNameConfirmation(props: {
  id: string;
  name: string;
  typed: string;
  onChange: (typed: string) => void;
  /** Said before "Type …", e.g. that it cannot be undone. */
  lead?: ReactNode;
}) {
  return (
    <>
      <label htmlFor={props.id}>
        {props.lead}Type <strong className="mono">{props.name}</strong> to confirm
      </label>
      <input
        id={props.id}
        aria-label="Job name to confirm"
        value={props.typed}
        autoComplete="off"
        spellCheck={false}
        onChange={(e) => props.onChange(e.target.value)}
      />
    </>
  );
}

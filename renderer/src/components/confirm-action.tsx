import { useState, type ReactNode } from 'react';

interface ConfirmActionProps {
  /** The first button, e.g. "Forget device…". */
  label: string;
  /** Accessible name of the first button when the label alone is ambiguous in a list. */
  ariaLabel?: string;
  question: ReactNode;
  /** The confirming button, also the name of the confirmation group. */
  confirmLabel: string;
  onConfirm: () => void;
}

/** A destructive action behind an explicit second click. */
export function ConfirmAction({ label, ariaLabel, question, confirmLabel, onConfirm }: ConfirmActionProps) {
  const [isAsking, setAsking] = useState(false);
  if (!isAsking) {
    return (
      <button type="button" aria-label={ariaLabel} onClick={() => setAsking(true)}>
        {label}
      </button>
    );
  }
  return (
    <span role="group" aria-label={confirmLabel} className="confirm">
      {question}
      <button
        type="button"
        className="danger"
        onClick={() => {
          setAsking(false);
          onConfirm();
        }}
      >
        {confirmLabel}
      </button>
      <button type="button" onClick={() => setAsking(false)}>
        Cancel
      </button>
    </span>
  );
}

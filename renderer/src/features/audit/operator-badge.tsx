import { operatorChangeAsked, useAudit } from '../../stores/audit-store';

/** The header's "who is working": the operator's name and a way to change it. */
export function OperatorBadge() {
  const operator = useAudit((s) => s.session?.operator ?? null);
  if (operator === null) return null;
  return (
    <span className="operator-badge" data-testid="operator">
      <span className="operator-label">Operator</span> <strong>{operator}</strong>{' '}
      <button type="button" className="link" onClick={operatorChangeAsked} aria-label="Change operator">
        Change
      </button>
    </span>
  );
}

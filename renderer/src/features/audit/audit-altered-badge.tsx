import { useAudit } from '../../stores/audit-store';
import { showAudit } from './audit-intents';

/**
 * The header's warning on every screen while the audit chain is broken: someone altered the record outside
 * the app, which must not stay hidden in the Audit view. Opens that view, where the break is explained.
 */
export function AuditAlteredBadge() {
  const broken = useAudit((s) => s.verification?.ok === false);
  if (!broken) return null;
  return (
    <span role="alert" className="audit-altered">
      <button
        type="button"
        className="badge badge-failed"
        title="The audit log was changed outside Fieldbatch: open it to see where"
        onClick={() => void showAudit()}
      >
        Audit log altered
      </button>
    </span>
  );
}

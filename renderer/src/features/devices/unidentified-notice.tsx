import { useDiscovery } from '../../stores/discovery-store';
import { viewChosen } from '../../stores/ui-store';

/**
 * Devices that answered but could not be identified have no inventory row (a known one keeps its row, marked):
 * the inventory says how many and leads to the discovery view that lists each with its reason.
 */
export function UnidentifiedNotice() {
  const count = useDiscovery((s) => s.status?.unidentified?.length ?? 0);
  if (count === 0) return null;
  return (
    <p className="hint" data-testid="unidentified-notice">
      {count === 1 ? '1 device answered' : `${count} devices answered`} but could not be identified.{' '}
      <button type="button" className="link" onClick={() => viewChosen('discovery')}>
        See why in Discovery
      </button>
    </p>
  );
}

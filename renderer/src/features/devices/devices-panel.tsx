import { useVisibleIds } from '../../selectors/visible-devices';
import { useDeviceCounts, useDevicesLoaded } from '../../stores/devices-store';
import { useGroup } from '../../stores/groups-store';
import { groupChosen, useInventoryView } from '../../stores/inventory-view-store';
import { useSelectedCount } from '../../stores/selection-store';
import { FilterBar } from './filter-bar';
import { InventoryTable } from './inventory-table';
import { RebootBar } from './reboot-bar';
import { UnidentifiedNotice } from './unidentified-notice';

function ActiveGroup() {
  const group = useGroup(useInventoryView((s) => s.activeGroupId));
  if (!group) return null;
  return (
    <span className="active-group" data-testid="active-group">
      Group: {group.name}{' '}
      <button type="button" className="link" onClick={() => groupChosen(null)} aria-label="Show all devices">
        ×
      </button>
    </span>
  );
}

export function DevicesPanel() {
  const { total, online } = useDeviceCounts();
  const shown = useVisibleIds().length;
  const isLoaded = useDevicesLoaded();
  const selectedCount = useSelectedCount();
  return (
    <section className="panel devices-panel" aria-labelledby="devices-title">
      <header className="panel-header">
        <h2 id="devices-title">Devices</h2>
        <span data-testid="device-counts">
          {total} devices, {online} online
        </span>
        <span data-testid="shown-count">{shown === total ? '' : `${shown} shown`}</span>
        <ActiveGroup />
      </header>
      <UnidentifiedNotice />
      <FilterBar />
      <RebootBar selectedCount={selectedCount} />
      <InventoryTable />
      {isLoaded && total === 0 && <p className="empty">Looking for devices on the network…</p>}
      {total > 0 && shown === 0 && <p className="empty">No device matches the filter.</p>}
    </section>
  );
}

import type { Group } from '../../../../shared/domain/group';
import { ConfirmAction } from '../../components/confirm-action';
import { groupMemberCount } from '../../selectors/group-members';
import { useDevicesById } from '../../stores/devices-store';
import { groupChosen } from '../../stores/inventory-view-store';
import { deleteGroup } from './group-actions';

interface GroupItemProps {
  group: Group;
  isActive: boolean;
  onEdit: () => void;
}

/** One group with its live member count; clicking it narrows the inventory to its members. */
export function GroupItem({ group, isActive, onEdit }: GroupItemProps) {
  const count = groupMemberCount(group, useDevicesById());
  return (
    <li data-group-id={group.id} data-group-kind={group.kind} className={isActive ? 'active' : undefined}>
      <button
        type="button"
        className="group-button"
        aria-pressed={isActive}
        onClick={() => groupChosen(isActive ? null : group.id)}
      >
        <span className="group-name" title={group.name}>
          {group.name}
        </span>
        <span className={`badge badge-${group.kind}`}>{group.kind}</span>
        <span className="count" data-testid="group-count">
          {count}
        </span>
      </button>
      <span className="group-item-actions">
        <button type="button" className="link" aria-label={`Edit group ${group.name}`} onClick={onEdit}>
          Edit
        </button>
        <ConfirmAction
          label="Delete"
          ariaLabel={`Delete group ${group.name}`}
          question={`Delete “${group.name}”?`}
          confirmLabel="Delete group"
          onConfirm={() => void deleteGroup(group.id)}
        />
      </span>
    </li>
  );
}

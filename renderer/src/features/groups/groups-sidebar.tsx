import { useState } from 'react';
import { useDeviceCounts } from '../../stores/devices-store';
import { useGroup, useGroups } from '../../stores/groups-store';
import { groupChosen, useInventoryView } from '../../stores/inventory-view-store';
import { useSelectedCount } from '../../stores/selection-store';
import { GroupItem } from './group-item';
import { SmartGroupEditor } from './smart-group-editor';
import { StaticGroupForm } from './static-group-form';

type Editing = { kind: 'new-static' } | { kind: 'new-smart' } | { kind: 'edit'; groupId: string } | null;

function GroupEditor({ editing, onDone }: { editing: Editing; onDone: () => void }) {
  const group = useGroup(editing?.kind === 'edit' ? editing.groupId : null);
  if (editing === null) return null;
  if (editing.kind === 'new-static') return <StaticGroupForm onDone={onDone} />;
  if (editing.kind === 'new-smart') return <SmartGroupEditor onDone={onDone} />;
  if (!group) return null;
  return group.kind === 'static' ? (
    <StaticGroupForm key={group.id} group={group} onDone={onDone} />
  ) : (
    <SmartGroupEditor key={group.id} group={group} onDone={onDone} />
  );
}

/** Static and smart groups with live counts; the chosen one filters the inventory. */
export function GroupsSidebar() {
  const groups = useGroups();
  const activeGroupId = useInventoryView((s) => s.activeGroupId);
  const { total } = useDeviceCounts();
  const selectedCount = useSelectedCount();
  const [editing, setEditing] = useState<Editing>(null);
  return (
    <nav className="panel groups-sidebar" aria-labelledby="groups-title">
      <h2 id="groups-title">Groups</h2>
      <ul className="group-list" aria-label="Groups">
        <li className={activeGroupId === null ? 'active' : undefined}>
          <button
            type="button"
            className="group-button"
            aria-pressed={activeGroupId === null}
            onClick={() => groupChosen(null)}
          >
            <span className="group-name">All devices</span>
            <span className="count">{total}</span>
          </button>
        </li>
        {groups.map((group) => (
          <GroupItem
            key={group.id}
            group={group}
            isActive={group.id === activeGroupId}
            onEdit={() => setEditing({ kind: 'edit', groupId: group.id })}
          />
        ))}
      </ul>
      {editing === null && (
        <div className="group-buttons">
          <button
            type="button"
            disabled={selectedCount === 0}
            onClick={() => setEditing({ kind: 'new-static' })}
          >
            New static group ({selectedCount} selected)
          </button>
          <button type="button" onClick={() => setEditing({ kind: 'new-smart' })}>
            New smart group
          </button>
        </div>
      )}
      <GroupEditor editing={editing} onDone={() => setEditing(null)} />
    </nav>
  );
}

import { useState, type FormEvent } from 'react';
import type { DeviceId } from '../../../../shared/domain/device';
import { GroupUpdateSchema, type Group, type GroupId } from '../../../../shared/domain/group';
import { selectedIds, useSelectedCount } from '../../stores/selection-store';
import { createGroup, updateGroup } from './group-actions';
import { GroupNameField } from './group-name-field';

type StaticGroup = Extract<Group, { kind: 'static' }>;

/** New static group from the current selection, or rename one and optionally replace its members. */
export function StaticGroupForm({ group, onDone }: { group?: StaticGroup; onDone: () => void }) {
  const [name, setName] = useState(group?.name ?? '');
  const [replaceMembers, setReplaceMembers] = useState(false);
  const [error, setError] = useState<string | undefined>();
  const selectedCount = useSelectedCount();
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const parsed = GroupUpdateSchema.shape.name.safeParse(name);
    if (!parsed.success || parsed.data === undefined) return setError(parsed.error?.issues[0]?.message);
    const members = selectedIds() as DeviceId[];
    const saved = group
      ? await updateGroup({
          id: group.id as GroupId,
          name: parsed.data,
          ...(replaceMembers ? { deviceIds: members } : {}),
        })
      : await createGroup({ kind: 'static', name: parsed.data, deviceIds: members });
    if (saved) onDone();
  };
  return (
    <form
      className="group-editor"
      aria-label={group ? 'Edit static group' : 'New static group'}
      onSubmit={(e) => void submit(e)}
    >
      <GroupNameField value={name} error={error} onChange={setName} />
      {group ? (
        <label>
          <input
            type="checkbox"
            checked={replaceMembers}
            disabled={selectedCount === 0}
            onChange={(e) => setReplaceMembers(e.target.checked)}
          />
          Replace its {group.deviceIds.length} members with the {selectedCount} selected devices
        </label>
      ) : (
        <p className="hint">Members: the {selectedCount} selected devices.</p>
      )}
      <div className="form-buttons">
        <button type="submit">{group ? 'Save group' : 'Create group'}</button>
        <button type="button" onClick={onDone}>
          Cancel
        </button>
      </div>
    </form>
  );
}

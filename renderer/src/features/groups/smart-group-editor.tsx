import { useMemo, useState, type FormEvent } from 'react';
import { GroupUpdateSchema, type Group, type GroupId } from '../../../../shared/domain/group';
import { countMatching } from '../../selectors/group-members';
import { predicateFor } from '../../selectors/device-predicate';
import {
  draftToFilter,
  EMPTY_DRAFT,
  filterToDraft,
  hasErrors,
  type FilterDraft,
} from '../../selectors/filter-draft';
import { useDevicesById } from '../../stores/devices-store';
import { currentFilterDraft } from '../../stores/inventory-view-store';
import { FilterFields } from '../filters/filter-fields';
import { createGroup, updateGroup } from './group-actions';
import { GroupNameField } from './group-name-field';

type SmartGroup = Extract<Group, { kind: 'smart' }>;

/** A smart group is a saved DeviceFilter; the editor shows how many devices match while you type. */
export function SmartGroupEditor({ group, onDone }: { group?: SmartGroup; onDone: () => void }) {
  const [name, setName] = useState(group?.name ?? '');
  const [nameError, setNameError] = useState<string | undefined>();
  const [draft, setDraft] = useState<FilterDraft>(() => (group ? filterToDraft(group.filter) : EMPTY_DRAFT));
  const { filter, errors } = draftToFilter(draft);
  const byId = useDevicesById();
  const matches = useMemo(() => countMatching(predicateFor(filter), byId), [filter, byId]);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const parsed = GroupUpdateSchema.shape.name.safeParse(name);
    if (!parsed.success || parsed.data === undefined) return setNameError(parsed.error?.issues[0]?.message);
    setNameError(undefined);
    const saved = group
      ? await updateGroup({ id: group.id as GroupId, name: parsed.data, filter })
      : await createGroup({ kind: 'smart', name: parsed.data, filter });
    if (saved) onDone();
  };
  return (
    <form
      className="group-editor"
      aria-label={group ? 'Edit smart group' : 'New smart group'}
      onSubmit={(e) => void submit(e)}
    >
      <GroupNameField value={name} error={nameError} onChange={setName} />
      <FilterFields
        draft={draft}
        errors={errors}
        onChange={(patch) => setDraft((d) => ({ ...d, ...patch }))}
        textLabel="Name or text"
        showModels
      />
      <p className="live-count" role="status" data-testid="smart-group-matches">
        Matches {matches} device{matches === 1 ? '' : 's'}
      </p>
      <div className="form-buttons">
        <button type="submit" disabled={hasErrors(errors)}>
          {group ? 'Save group' : 'Create group'}
        </button>
        <button type="button" onClick={() => setDraft(currentFilterDraft())}>
          Use the inventory filter
        </button>
        <button type="button" onClick={onDone}>
          Cancel
        </button>
      </div>
    </form>
  );
}

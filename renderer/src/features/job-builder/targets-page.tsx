import { deviceLabel } from '../../../../shared/domain/device';
import { FieldError } from '../../components/field-error';
import { FormField } from '../../components/form-field';
import { groupMemberCount } from '../../selectors/group-members';
import { useDevicesById } from '../../stores/devices-store';
import { useGroups } from '../../stores/groups-store';
import { selectedIds, useSelectedCount } from '../../stores/selection-store';
import { editDraft } from './job-builder-intents';
import { useJobBuilder } from './job-builder-store';
import { errorAt, type JobDraft } from './job-draft';

/** Devices listed by name; a larger choice is summarised (the dry run lists every one). */
const MAX_LISTED = 200;

function ChosenDevices({ draft }: { draft: JobDraft }) {
  const byId = useDevicesById();
  const selectedCount = useSelectedCount();
  const add = () => editDraft({ ...draft, deviceIds: [...new Set([...draft.deviceIds, ...selectedIds()])] });
  const remove = (id: string) => editDraft({ ...draft, deviceIds: draft.deviceIds.filter((d) => d !== id) });
  return (
    <fieldset className="targets-devices">
      <legend>Devices</legend>
      <div className="form-buttons">
        <button type="button" disabled={selectedCount === 0} onClick={add}>
          Add the inventory selection ({selectedCount})
        </button>
        {draft.deviceIds.length > 0 && (
          <button type="button" className="link" onClick={() => editDraft({ ...draft, deviceIds: [] })}>
            Remove all devices
          </button>
        )}
      </div>
      {draft.deviceIds.length === 0 ? (
        <p className="empty">No devices chosen: select some in the inventory, or choose groups below.</p>
      ) : (
        <ul className="chosen-devices" aria-label="Chosen devices">
          {draft.deviceIds.slice(0, MAX_LISTED).map((id) => {
            const device = byId.get(id);
            const name = device ? deviceLabel(device) : id;
            return (
              <li key={id} data-device-id={id}>
                {name}
                {device ? (
                  <span className="muted">
                    {' '}
                    · {device.model}
                    {device.online ? '' : ' · offline'}
                  </span>
                ) : (
                  <span className="muted"> · not in the inventory</span>
                )}{' '}
                <button
                  type="button"
                  className="link"
                  aria-label={`Remove ${name}`}
                  onClick={() => remove(id)}
                >
                  Remove
                </button>
              </li>
            );
          })}
          {draft.deviceIds.length > MAX_LISTED && <li>…and {draft.deviceIds.length - MAX_LISTED} more</li>}
        </ul>
      )}
    </fieldset>
  );
}

function ChosenGroups({ draft }: { draft: JobDraft }) {
  const groups = useGroups();
  const byId = useDevicesById();
  const toggle = (id: string, isOn: boolean) =>
    editDraft({
      ...draft,
      groupIds: isOn ? [...draft.groupIds, id] : draft.groupIds.filter((g) => g !== id),
    });
  return (
    <fieldset className="targets-groups">
      <legend>Groups</legend>
      {groups.length === 0 && <p className="empty">No groups yet: create them in the inventory’s sidebar.</p>}
      {groups.map((group) => (
        <label key={group.id} className="checkbox-row">
          <input
            type="checkbox"
            checked={draft.groupIds.includes(group.id)}
            onChange={(e) => toggle(group.id, e.target.checked)}
          />
          {group.name}{' '}
          <span className="muted">
            ({group.kind}, {groupMemberCount(group, byId)} devices now)
          </span>
        </label>
      ))}
      <label className="checkbox-row">
        <input
          type="checkbox"
          checked={draft.includeNewMembers}
          onChange={(e) => editDraft({ ...draft, includeNewMembers: e.target.checked })}
        />
        Include devices that join a chosen smart group while the job runs
      </label>
      <p className="hint">
        Targets are frozen at the start; with this on, newcomers to a smart group are added to the last wave.
        Default: off.
      </p>
    </fieldset>
  );
}

/** The job's name and what it runs on: devices from the inventory selection and/or groups. */
export function TargetsPage() {
  const draft = useJobBuilder((s) => s.draft);
  const errors = useJobBuilder((s) => s.errors);
  return (
    <div className="targets-page">
      <FormField label="Job name" error={errorAt(errors, 'name')} className="field-text">
        {(field) => (
          <input
            {...field}
            value={draft.name}
            onChange={(e) => editDraft({ ...draft, name: e.target.value })}
          />
        )}
      </FormField>
      <ChosenDevices draft={draft} />
      <ChosenGroups draft={draft} />
      <p role={errors.targets ? 'alert' : undefined}>
        <FieldError id="targets-error" message={errors.targets} />
      </p>
    </div>
  );
}

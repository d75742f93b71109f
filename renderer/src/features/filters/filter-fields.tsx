import { DeviceFamilySchema, DiscoverySourceKindSchema } from '../../../../shared/domain/device';
import { ChipGroup } from '../../components/chip-group';
import { FormField } from '../../components/form-field';
import type { FilterDraft, FilterErrors } from '../../selectors/filter-draft';

interface FilterFieldsProps {
  draft: FilterDraft;
  errors: FilterErrors;
  onChange: (patch: Partial<FilterDraft>) => void;
  /** Label of the free-text field (the inventory's search box, or a smart group's text criterion). */
  textLabel: string;
  /** Smart groups may also match models; the inventory's text search covers them. */
  showModels?: boolean;
}

type TextKey = 'firmware' | 'tags' | 'models';

const TEXT_FIELDS: { key: TextKey; label: string; placeholder: string }[] = [
  { key: 'firmware', label: 'Firmware range', placeholder: '<14.0.0' },
  { key: 'tags', label: 'Tags', placeholder: 'roof, building-2' },
  { key: 'models', label: 'Models', placeholder: 'SNSW-001P16EU, Plus1PM' },
];

/** The controls of the one filter model (DeviceFilter): used by the inventory and the smart-group editor. */
export function FilterFields({ draft, errors, onChange, textLabel, showModels = false }: FilterFieldsProps) {
  return (
    <div className="filter-fields">
      <FormField label={textLabel} error={errors.text} className="field-text">
        {(field) => (
          <input
            {...field}
            type="search"
            value={draft.text}
            placeholder="name, model, address, MAC, tag…"
            onChange={(e) => onChange({ text: e.target.value })}
          />
        )}
      </FormField>
      <ChipGroup
        legend="Family"
        options={DeviceFamilySchema.options}
        chosen={draft.families}
        onChange={(families) => onChange({ families })}
      />
      <FormField label="Online">
        {(field) => (
          <select
            {...field}
            value={draft.online}
            onChange={(e) => onChange({ online: e.target.value as FilterDraft['online'] })}
          >
            <option value="any">any</option>
            <option value="online">online</option>
            <option value="offline">offline</option>
          </select>
        )}
      </FormField>
      {TEXT_FIELDS.filter(({ key }) => showModels || key !== 'models').map(({ key, label, placeholder }) => (
        <FormField key={key} label={label} error={errors[key]}>
          {(field) => (
            <input
              {...field}
              value={draft[key]}
              placeholder={placeholder}
              onChange={(e) => onChange({ [key]: e.target.value })}
            />
          )}
        </FormField>
      ))}
      <ChipGroup
        legend="Source"
        options={DiscoverySourceKindSchema.options}
        chosen={draft.sources}
        onChange={(sources) => onChange({ sources })}
      />
    </div>
  );
}

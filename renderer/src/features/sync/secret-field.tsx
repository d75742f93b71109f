import { FormField } from '../../components/form-field';

interface SecretFieldProps {
  label: string;
  value: string;
  /** Main has one stored: the field then only replaces it, and a box offers to remove it. */
  isStored: boolean;
  remove: boolean;
  multiline?: boolean;
  error?: string;
  onChange: (value: string) => void;
  onRemove: (remove: boolean) => void;
}

/** A write-only secret: never shown (main never sends it), empty keeps the stored one. */
export function SecretField({
  label,
  value,
  isStored,
  remove,
  multiline,
  error,
  onChange,
  onRemove,
}: SecretFieldProps) {
  const placeholder = isStored ? 'stored (leave empty to keep)' : '';
  return (
    <>
      <FormField label={label} error={error}>
        {(field) =>
          multiline ? (
            <textarea
              {...field}
              rows={3}
              value={value}
              disabled={remove}
              placeholder={placeholder || '-----BEGIN PRIVATE KEY-----'}
              onChange={(e) => onChange(e.target.value)}
            />
          ) : (
            <input
              {...field}
              type="password"
              autoComplete="new-password"
              value={value}
              disabled={remove}
              placeholder={placeholder}
              onChange={(e) => onChange(e.target.value)}
            />
          )
        }
      </FormField>
      {isStored && (
        <label>
          <input type="checkbox" checked={remove} onChange={(e) => onRemove(e.target.checked)} />
          Remove the stored {label.toLowerCase()}
        </label>
      )}
    </>
  );
}

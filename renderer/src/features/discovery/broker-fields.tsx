import { FormField } from '../../components/form-field';

export interface BrokerValues {
  name: string;
  url: string;
  username: string;
  password: string;
  removePassword: boolean;
  caPem: string;
  enabled: boolean;
}
export type BrokerErrors = Partial<Record<keyof BrokerValues, string>>;

interface BrokerFieldsProps {
  values: BrokerValues;
  errors: BrokerErrors;
  /** Main has a password for this broker: the field then only replaces it. */
  hasStoredPassword: boolean;
  onChange: (patch: Partial<BrokerValues>) => void;
}

/** Name, URL, credentials (password write-only), CA and the enabled switch of one broker. */
export function BrokerFields({ values, errors, hasStoredPassword, onChange }: BrokerFieldsProps) {
  return (
    <>
      <FormField label="Name" error={errors.name}>
        {(field) => (
          <input
            {...field}
            value={values.name}
            placeholder="the broker's host"
            onChange={(e) => onChange({ name: e.target.value })}
          />
        )}
      </FormField>
      <FormField label="Broker URL" error={errors.url}>
        {(field) => (
          <input {...field} value={values.url} onChange={(e) => onChange({ url: e.target.value })} />
        )}
      </FormField>
      <FormField label="Username">
        {(field) => (
          <input
            {...field}
            value={values.username}
            autoComplete="off"
            onChange={(e) => onChange({ username: e.target.value })}
          />
        )}
      </FormField>
      <FormField label="Password" error={errors.password}>
        {(field) => (
          <input
            {...field}
            type="password"
            autoComplete="new-password"
            value={values.password}
            disabled={values.removePassword}
            placeholder={hasStoredPassword ? 'stored (leave empty to keep)' : ''}
            onChange={(e) => onChange({ password: e.target.value })}
          />
        )}
      </FormField>
      {hasStoredPassword && (
        <label>
          <input
            type="checkbox"
            checked={values.removePassword}
            onChange={(e) => onChange({ removePassword: e.target.checked })}
          />
          Remove the stored password
        </label>
      )}
      <FormField label="CA certificate (PEM)" error={errors.caPem}>
        {(field) => (
          <textarea
            {...field}
            rows={4}
            value={values.caPem}
            placeholder="-----BEGIN CERTIFICATE-----"
            onChange={(e) => onChange({ caPem: e.target.value })}
          />
        )}
      </FormField>
      <label>
        <input
          type="checkbox"
          checked={values.enabled}
          onChange={(e) => onChange({ enabled: e.target.checked })}
        />
        Enabled
      </label>
    </>
  );
}

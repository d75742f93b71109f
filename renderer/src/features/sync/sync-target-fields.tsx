import type { SyncTargetSettings } from '../../../../shared/domain/sync';
import { ENCRYPTED_LINK_HINT } from '../../../../shared/domain/sync-transport';
import { FormField } from '../../components/form-field';
import { SecretField } from './secret-field';
import type { SyncTargetErrors, SyncTargetValues } from './sync-target-values';

interface FieldsProps {
  values: SyncTargetValues;
  errors: SyncTargetErrors;
  /** The stored target (its `has*` flags say which secrets exist), absent for a new one. */
  stored: SyncTargetSettings | undefined;
  onChange: (patch: Partial<SyncTargetValues>) => void;
}

function TextField({
  label,
  name,
  values,
  errors,
  onChange,
  placeholder,
  hint,
}: FieldsProps & {
  label: string;
  name: 'name' | 'url' | 'username' | 'topicPrefix' | 'controllerIdPrefix' | 'distributionSetName';
  placeholder?: string;
  /** A rule the value must follow, shown under the field. */
  hint?: string;
}) {
  return (
    <>
      <FormField label={label} error={errors[name]}>
        {(field) => (
          <input
            {...field}
            value={values[name]}
            placeholder={placeholder}
            autoComplete="off"
            onChange={(e) => onChange({ [name]: e.target.value })}
          />
        )}
      </FormField>
      {hint && <p className="hint field-hint">{hint}</p>}
    </>
  );
}

function PemField({
  label,
  name,
  values,
  errors,
  onChange,
}: FieldsProps & { label: string; name: 'caPem' | 'certPem' | 'headers' }) {
  return (
    <FormField label={label} error={errors[name]}>
      {(field) => (
        <textarea
          {...field}
          rows={3}
          value={values[name]}
          placeholder={name === 'headers' ? 'X-Site: north-yard' : '-----BEGIN CERTIFICATE-----'}
          onChange={(e) => onChange({ [name]: e.target.value })}
        />
      )}
    </FormField>
  );
}

const has = (stored: SyncTargetSettings | undefined, flag: 'hasPassword' | 'hasToken' | 'hasKey') =>
  (stored as Partial<Record<typeof flag, boolean>> | undefined)?.[flag] === true;

function Password(props: FieldsProps) {
  const { values, stored, errors, onChange } = props;
  return (
    <SecretField
      label="Password"
      value={values.password}
      isStored={has(stored, 'hasPassword')}
      remove={values.removePassword}
      error={errors.password}
      onChange={(password) => onChange({ password })}
      onRemove={(removePassword) => onChange({ removePassword })}
    />
  );
}

function Token(props: FieldsProps) {
  const { values, stored, errors, onChange } = props;
  return (
    <SecretField
      label="Token"
      value={values.token}
      isStored={has(stored, 'hasToken')}
      remove={values.removeToken}
      error={errors.token}
      onChange={(token) => onChange({ token })}
      onRemove={(removeToken) => onChange({ removeToken })}
    />
  );
}

/** The fields of the chosen kind; secrets are write-only (see SecretField). */
export function SyncTargetFields(props: FieldsProps) {
  const { values, stored, errors, onChange } = props;
  switch (values.kind) {
    case 'mqtt':
      return (
        <>
          <TextField {...props} label="Broker URL" name="url" hint={ENCRYPTED_LINK_HINT.mqtt} />
          <TextField {...props} label="Username" name="username" />
          <Password {...props} />
          <TextField {...props} label="Topic prefix" name="topicPrefix" />
          <PemField {...props} label="CA certificate (PEM)" name="caPem" />
          <PemField {...props} label="Client certificate (PEM)" name="certPem" />
          <SecretField
            label="Client private key"
            multiline
            value={values.keyPem}
            isStored={has(stored, 'hasKey')}
            remove={values.removeKey}
            error={errors.keyPem}
            onChange={(keyPem) => onChange({ keyPem })}
            onRemove={(removeKey) => onChange({ removeKey })}
          />
        </>
      );
    case 'https':
      return (
        <>
          <TextField
            {...props}
            label="URL"
            name="url"
            placeholder="https://backoffice.example/ingest"
            hint={ENCRYPTED_LINK_HINT.web}
          />
          <Token {...props} />
          <PemField {...props} label="Extra headers (Name: value, one per line)" name="headers" />
          <PemField {...props} label="CA certificate (PEM)" name="caPem" />
        </>
      );
    case 'hawkbit':
      return (
        <>
          <TextField
            {...props}
            label="hawkBit server URL"
            name="url"
            placeholder="https://hawkbit.example"
            hint={ENCRYPTED_LINK_HINT.web}
          />
          <FormField label="Authentication">
            {(field) => (
              <select
                {...field}
                value={values.authMode}
                onChange={(e) => onChange({ authMode: e.target.value as 'basic' | 'bearer' })}
              >
                <option value="basic">Username and password</option>
                <option value="bearer">Bearer token</option>
              </select>
            )}
          </FormField>
          {values.authMode === 'basic' ? (
            <>
              <TextField {...props} label="Username" name="username" />
              <Password {...props} />
            </>
          ) : (
            <Token {...props} />
          )}
          <TextField {...props} label="Controller id prefix" name="controllerIdPrefix" placeholder="(none)" />
          <TextField
            {...props}
            label="Distribution set name"
            name="distributionSetName"
            placeholder="any name with the installed version"
          />
          <PemField {...props} label="CA certificate (PEM)" name="caPem" />
        </>
      );
  }
}

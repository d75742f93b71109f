import { useState, type FormEvent } from 'react';
import { FirmwareUpdateSchema, type FirmwareImage } from '../../../../shared/domain/firmware';
import { FormField } from '../../components/form-field';
import { updateFirmwareImage } from './firmware-intents';

type Values = { notes: string; version: string; models: string };
type Errors = Partial<Record<keyof Values, string>>;

/**
 * Notes and model labels of any image; the version only when it was not read from the file (a version from the
 * zip manifest or the image header is what the device reports, so main refuses to change it).
 */
export function ImageEditForm({ image, onDone }: { image: FirmwareImage; onDone: () => void }) {
  const isFromFile = image.versionSource === 'manifest' || image.versionSource === 'header';
  const [values, setValues] = useState<Values>({
    notes: image.notes,
    version: image.version,
    models: image.models.join(', '),
  });
  const [errors, setErrors] = useState<Errors>({});
  const change = (patch: Partial<Values>) => setValues((v) => ({ ...v, ...patch }));
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const models = values.models
      .split(',')
      .map((m) => m.trim())
      .filter((m) => m !== '');
    const parsed = FirmwareUpdateSchema.safeParse({
      sha256: image.sha256,
      notes: values.notes,
      ...(isFromFile || values.version === image.version ? {} : { version: values.version }),
      ...(models.join(',') === image.models.join(',') ? {} : { models }),
    });
    if (!parsed.success) {
      const next: Errors = {};
      for (const issue of parsed.error.issues) next[issue.path[0] as keyof Values] ??= issue.message;
      return setErrors(next);
    }
    setErrors({});
    if (await updateFirmwareImage(parsed.data)) onDone();
  };
  return (
    <form
      className="broker-form"
      aria-label={`Edit ${image.fileName}`}
      noValidate
      onSubmit={(e) => void submit(e)}
    >
      <FormField label="Version" error={errors.version}>
        {(field) => (
          <input
            {...field}
            value={values.version}
            disabled={isFromFile}
            title={isFromFile ? 'Read from the file' : undefined}
            onChange={(e) => change({ version: e.target.value })}
          />
        )}
      </FormField>
      <FormField label="Labels (comma-separated)" error={errors.models}>
        {(field) => (
          <input {...field} value={values.models} onChange={(e) => change({ models: e.target.value })} />
        )}
      </FormField>
      {isFromFile && (
        <p className="hint">
          The version is read from the file (
          {image.versionSource === 'manifest' ? 'its zip manifest' : 'its header'}
          ); the device reports it after the update. Labels are for you only: devices are matched by{' '}
          {image.chip ? 'chip' : 'app'}.
        </p>
      )}
      <FormField label="Notes" error={errors.notes}>
        {(field) => (
          <textarea
            {...field}
            rows={2}
            value={values.notes}
            onChange={(e) => change({ notes: e.target.value })}
          />
        )}
      </FormField>
      <div className="form-buttons">
        <button type="submit">Save</button>
        <button type="button" onClick={onDone}>
          Cancel
        </button>
      </div>
    </form>
  );
}

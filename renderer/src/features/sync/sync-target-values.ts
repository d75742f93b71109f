import {
  SyncTargetSaveSchema,
  type SyncTargetKind,
  type SyncTargetSave,
  type SyncTargetSettings,
} from '../../../../shared/domain/sync';

/** Every field of the target form as text (one shape for the three kinds; each kind uses its own). */
export interface SyncTargetValues {
  kind: SyncTargetKind;
  name: string;
  enabled: boolean;
  url: string;
  caPem: string;
  username: string;
  /** Write-only secrets: empty keeps the stored one; `remove*` deletes it. */
  password: string;
  removePassword: boolean;
  token: string;
  removeToken: boolean;
  keyPem: string;
  removeKey: boolean;
  topicPrefix: string;
  certPem: string;
  /** HTTPS extra headers, one `Name: value` per line. */
  headers: string;
  authMode: 'basic' | 'bearer';
  controllerIdPrefix: string;
  distributionSetName: string;
}
export type SyncTargetErrors = Partial<Record<keyof SyncTargetValues, string>>;

const URL_START: Record<SyncTargetKind, string> = {
  mqtt: 'mqtts://',
  https: 'https://',
  hawkbit: 'https://',
};

/** The form's starting values: a target's settings (secrets empty: main never sends them) or a blank one. */
export function valuesOf(target: SyncTargetSettings | undefined, kind: SyncTargetKind): SyncTargetValues {
  const blank: SyncTargetValues = {
    kind,
    name: '',
    enabled: true,
    url: URL_START[kind],
    caPem: '',
    username: '',
    password: '',
    removePassword: false,
    token: '',
    removeToken: false,
    keyPem: '',
    removeKey: false,
    topicPrefix: 'fieldbatch',
    certPem: '',
    headers: '',
    authMode: 'basic',
    controllerIdPrefix: '',
    distributionSetName: '',
  };
  if (!target) return blank;
  const common = { ...blank, name: target.name, enabled: target.enabled, caPem: target.caPem ?? '' };
  switch (target.kind) {
    case 'mqtt':
      return {
        ...common,
        url: target.url,
        username: target.username ?? '',
        topicPrefix: target.topicPrefix,
        certPem: target.certPem ?? '',
      };
    case 'https':
      return {
        ...common,
        url: target.url,
        headers: Object.entries(target.headers)
          .map(([k, v]) => `${k}: ${v}`)
          .join('\n'),
      };
    case 'hawkbit':
      return {
        ...common,
        url: target.baseUrl,
        authMode: target.authMode,
        username: target.username ?? '',
        controllerIdPrefix: target.controllerIdPrefix,
        distributionSetName: target.distributionSetName ?? '',
      };
  }
}

/** A write-only field as the save wants it: a new value, null to remove, absent to keep. */
function secret(value: string, remove: boolean): { value?: string | null } {
  if (remove) return { value: null };
  return value.trim() === '' ? {} : { value };
}

function withSecret<K extends string>(
  key: K,
  value: string,
  remove: boolean,
): Partial<Record<K, string | null>> {
  const s = secret(value, remove);
  return 'value' in s ? ({ [key]: s.value } as Record<K, string | null>) : {};
}

const orNull = (text: string) => (text.trim() === '' ? null : text);

function headersOf(text: string): Record<string, string> | string {
  const headers: Record<string, string> = {};
  for (const line of text.split('\n').filter((l) => l.trim() !== '')) {
    const colon = line.indexOf(':');
    if (colon <= 0) return `"${line.trim()}" is not "Name: value"`;
    headers[line.slice(0, colon).trim()] = line.slice(colon + 1).trim();
  }
  return headers;
}

/** The form's values as a save request, checked with the contract's schema. */
export function toSyncTargetSave(
  v: SyncTargetValues,
  id: string | undefined,
): { save: SyncTargetSave } | { errors: SyncTargetErrors } {
  const common = { ...(id ? { id } : {}), name: v.name, enabled: v.enabled, caPem: orNull(v.caPem) };
  const headers = v.kind === 'https' ? headersOf(v.headers) : {};
  if (typeof headers === 'string') return { errors: { headers } };
  const input =
    v.kind === 'mqtt'
      ? {
          ...common,
          kind: v.kind,
          url: v.url,
          username: orNull(v.username),
          ...withSecret('password', v.password, v.removePassword),
          topicPrefix: v.topicPrefix,
          certPem: orNull(v.certPem),
          ...withSecret('keyPem', v.keyPem, v.removeKey),
        }
      : v.kind === 'https'
        ? { ...common, kind: v.kind, url: v.url, headers, ...withSecret('token', v.token, v.removeToken) }
        : {
            ...common,
            kind: v.kind,
            baseUrl: v.url,
            authMode: v.authMode,
            username: orNull(v.username),
            ...withSecret('password', v.password, v.removePassword),
            ...withSecret('token', v.token, v.removeToken),
            controllerIdPrefix: v.controllerIdPrefix,
            distributionSetName: orNull(v.distributionSetName),
          };
  const parsed = SyncTargetSaveSchema.safeParse(input);
  if (parsed.success) return { save: parsed.data };
  const errors: SyncTargetErrors = {};
  for (const issue of parsed.error.issues) {
    const field = issue.path[0] === 'baseUrl' ? 'url' : (issue.path[0] as keyof SyncTargetValues);
    errors[field] ??= issue.message;
  }
  return { errors };
}

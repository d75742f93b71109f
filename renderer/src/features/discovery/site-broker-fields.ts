import { BrokerPasswordSchema, BrokerUsernameSchema } from '../../../../shared/domain/broker';

/** The fields of the site broker form that can be wrong, each with its message in plain words. */
export type BrokerFieldErrors = Partial<
  Record<'port' | 'username' | 'password' | 'interfaceAddress', string>
>;

const PORT_WORDS = 'A port from 1 to 65535.';
const PASSWORD_LENGTH_WORDS = 'At least 8 characters.';
const INTERFACE_WORDS = 'Choose a network interface from the list.';

// The schema's messages are phrases ("the user name may not contain spaces or \";\""); at a field they read
// as a sentence of their own.
const asSentence = (phrase: string) => {
  const text = phrase.charAt(0).toUpperCase() + phrase.slice(1);
  return /[.!?]$/.test(text) ? text : `${text}.`;
};

function passwordWords(message: string): string {
  return /8 characters/.test(message) ? PASSWORD_LENGTH_WORDS : asSentence(message);
}

/**
 * Checks the form before it is sent; an empty port means "as last time", an empty password "the stored one"
 * (so it is only wrong when none is stored).
 */
export function brokerFieldErrors(
  values: { port: string; username: string; password: string },
  hasStoredPassword: boolean,
): BrokerFieldErrors {
  const errors: BrokerFieldErrors = {};
  const port = values.port.trim();
  if (port !== '' && !(/^\d{1,5}$/.test(port) && Number(port) >= 1 && Number(port) <= 65_535)) {
    errors.port = PORT_WORDS;
  }
  const user = BrokerUsernameSchema.safeParse(values.username);
  if (!user.success)
    errors.username = asSentence(user.error.issues[0]?.message ?? 'the user name is not usable');
  if (values.password === '' && !hasStoredPassword) errors.password = PASSWORD_LENGTH_WORDS;
  else if (values.password !== '') {
    const password = BrokerPasswordSchema.safeParse(values.password);
    if (!password.success) errors.password = passwordWords(password.error.issues[0]?.message ?? '');
  }
  return errors;
}

/**
 * What main refused (an INVALID_INPUT's issues, `{ path, message }`) put at the fields it names, so even a
 * check this form does not make itself reads in words at the field rather than as "invalid input for …".
 */
export function refusedFields(details: unknown): BrokerFieldErrors | null {
  if (!Array.isArray(details)) return null;
  const errors: BrokerFieldErrors = {};
  for (const issue of details as { path?: unknown; message?: unknown }[]) {
    const message = typeof issue.message === 'string' ? issue.message : '';
    if (issue.path === 'port') errors.port ??= PORT_WORDS;
    else if (issue.path === 'password') errors.password ??= passwordWords(message);
    else if (issue.path === 'username') errors.username ??= asSentence(message);
    else if (issue.path === 'interfaceAddress') errors.interfaceAddress ??= INTERFACE_WORDS;
  }
  return Object.keys(errors).length > 0 ? errors : null;
}

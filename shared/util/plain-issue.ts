import type { z } from 'zod';

/** The fields of a zod issue this module reads (zod 4 hands its error map the issue before it has a message). */
type RawIssue = z.core.$ZodRawIssue;

const KINDS: Record<string, string> = {
  number: 'a number here, e.g. 10',
  int: 'a whole number here, e.g. 10',
  string: 'some text here',
  boolean: 'yes or no here',
  array: 'a list here',
  object: 'a group of settings here',
};

function isMissing(input: unknown): boolean {
  return input === undefined || input === null || (typeof input === 'number' && Number.isNaN(input));
}

function tooSmall(issue: RawIssue & { code: 'too_small' }): string {
  const min = Number(issue.minimum);
  switch (issue.origin) {
    case 'string':
      return min <= 1 ? 'This cannot be empty: type something.' : `Type at least ${min} characters.`;
    case 'array':
    case 'set':
      return min <= 1 ? 'Choose at least one.' : `Give at least ${min}.`;
    default:
      return issue.inclusive === false ? `Use a number above ${min}.` : `Use ${min} or more.`;
  }
}

function tooBig(issue: RawIssue & { code: 'too_big' }): string {
  const max = Number(issue.maximum);
  switch (issue.origin) {
    case 'string':
      return `Too long: use at most ${max} characters.`;
    case 'array':
    case 'set':
      return `Too many: give at most ${max}.`;
    default:
      return issue.inclusive === false ? `Use a number below ${max}.` : `Use ${max} or less.`;
  }
}

function badFormat(format: string): string {
  switch (format) {
    case 'url':
      return 'Type a full address, e.g. http://192.0.2.20.';
    case 'ipv4':
      return 'Type an IP address, e.g. 192.0.2.20.';
    case 'email':
      return 'Type an e-mail address, e.g. tech@example.com.';
    default:
      return 'This does not have the expected form: check for typing errors.';
  }
}

/**
 * A zod issue as a sentence a technician can act on ("This cannot be empty: type something.") instead of zod's
 * own ("Too small: expected string to have >=1 characters"). A message a schema states itself is kept (zod
 * asks this map only when the schema has none); undefined leaves zod's default for issues with no better words.
 */
export function plainIssueMessage(issue: RawIssue): string | undefined {
  switch (issue.code) {
    case 'invalid_type': {
      if (isMissing(issue.input)) return 'This is needed: fill it in.';
      return `Type ${KINDS[issue.expected] ?? 'a value of the right kind here'}.`;
    }
    case 'too_small':
      return tooSmall(issue);
    case 'too_big':
      return tooBig(issue);
    case 'invalid_format':
      return badFormat(issue.format);
    case 'invalid_value':
      return `Choose one of: ${issue.values.map(String).join(', ')}.`;
    case 'not_multiple_of':
      return `Use a multiple of ${String(issue.divisor)}.`;
    case 'unrecognized_keys':
      return `Fieldbatch does not know ${issue.keys.join(', ')}: remove ${issue.keys.length > 1 ? 'them' : 'it'}.`;
    case 'invalid_union':
      return 'This value fits none of the accepted forms: check it against the hint.';
    default:
      return undefined;
  }
}

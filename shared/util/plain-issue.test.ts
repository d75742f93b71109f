import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { plainIssueMessage } from './plain-issue';

const messageOf = (schema: z.ZodType, value: unknown) => {
  const result = schema.safeParse(value, { error: plainIssueMessage });
  if (result.success) throw new Error('expected an issue');
  return result.error.issues[0]!.message;
};

describe('plainIssueMessage', () => {
  it.each([
    ['an empty required text', z.string().min(1), '', 'This cannot be empty: type something.'],
    ['a short text', z.string().min(3), 'ab', 'Type at least 3 characters.'],
    ['a long text', z.string().max(32), 'x'.repeat(33), 'Too long: use at most 32 characters.'],
    ['a number too big', z.number().max(90), 91, 'Use 90 or less.'],
    ['a number too small', z.number().int().min(1), 0, 'Use 1 or more.'],
    ['text where a number goes', z.number(), 'ten', 'Type a number here, e.g. 10.'],
    ['a fraction where a whole number goes', z.number().int(), 1.5, 'Type a whole number here, e.g. 10.'],
    ['a missing value', z.object({ a: z.number() }), {}, 'This is needed: fill it in.'],
    ['an empty list', z.array(z.string()).min(1), [], 'Choose at least one.'],
    ['a value not on the list', z.enum(['pause', 'cancel']), 'stop', 'Choose one of: pause, cancel.'],
  ])('%s', (_, schema, value, expected) => {
    expect(messageOf(schema, value)).toBe(expected);
  });

  it('keeps a message the schema states itself', () => {
    expect(messageOf(z.string().min(1, 'a group needs a name'), '')).toBe('a group needs a name');
  });

  it('never shows zod’s developer wording', () => {
    expect(messageOf(z.string().min(1), '')).not.toMatch(/Too small|expected string|>=/);
  });
});

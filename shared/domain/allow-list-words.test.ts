import { describe, expect, it } from 'vitest';
import { TASMOTA_CONFIG_COMMANDS, TASMOTA_RAW_COMMANDS, matchTasmotaRule } from './device-actions';

const lists = { config: TASMOTA_CONFIG_COMMANDS, raw: TASMOTA_RAW_COMMANDS };

describe.each(Object.entries(lists))('the %s allow-list in words', (_, rules) => {
  it.each(rules.map((rule) => [rule.shown, rule] as const))(
    '%s: its example is allowed by its own rule',
    (_, rule) => {
      const [command, ...rest] = rule.example.split(' ');
      expect(matchTasmotaRule(rules, command!, rest.join(' '))).toBe(rule);
    },
  );

  it('says what each rule accepts without regular expressions', () => {
    for (const rule of rules) {
      expect(`${rule.shown} ${rule.accepts}`).not.toMatch(/[[\]{}|^$\\?]|\(\?/);
    }
  });
});

import { matchTasmotaRule, TASMOTA_RAW_COMMANDS } from '../../../../shared/domain/device-actions';

/** A command name matching an allow-list pattern: `Power[1-8]?` → `Power`, `SetOption([0-9]|…)` → `SetOption0`. */
export function exampleCommand(pattern: string): string {
  let depth = 0;
  let end = pattern.length;
  for (let i = 0; i < pattern.length; i++) {
    if (pattern[i] === '(') depth++;
    else if (pattern[i] === ')') depth--;
    else if (pattern[i] === '|' && depth === 0) {
      end = i;
      break;
    }
  }
  return pattern
    .slice(0, end)
    .replace(/\[[^\]]*\]\?/g, '')
    .replace(/\[(.)[^\]]*\]/g, '$1')
    .replace(/\(([^|)]*)[^)]*\)\??/g, '$1')
    .replace(/[?*+]/g, '');
}

/** A raw command being chosen: the allow-list rule picked, and the command and value typed. */
export interface RawCommandDraft {
  ruleName: string;
  command: string;
  value: string;
}

export function initialRawCommand(): RawCommandDraft {
  const rule = TASMOTA_RAW_COMMANDS[0]!;
  return { ruleName: rule.name, command: exampleCommand(rule.name), value: '' };
}

/** The rule a saved command matches, so editing it again starts from the right choice. */
export function rawCommandDraftOf(command: string, value: string): RawCommandDraft {
  const rule = matchTasmotaRule(TASMOTA_RAW_COMMANDS, command, value) ?? TASMOTA_RAW_COMMANDS[0]!;
  return { ruleName: rule.name, command, value };
}

/**
 * Lines of Tasmota's serial console (PROTOCOLS.md §2.5): `HH:MM:SS.mmm TAG: text`. Command results are
 * logged as `MQT: stat/<topic>/STATUS0 = {…}` after an MQTT publish, else `RSL: STATUS0 = {…}`.
 */
export type ConsoleLine =
  /** The device echoing a command it is about to execute (`CMD: Status 0`). */
  | { kind: 'command'; time: string; text: string }
  /** A published or logged message; `command` is the topic's last level in upper case (`STATUS0`, `RESULT`). */
  | {
      kind: 'result';
      time: string;
      tag: string;
      topic: string;
      command: string;
      payload: string;
      isRetained: boolean;
    }
  | { kind: 'log'; time: string; tag: string; text: string }
  /** Not a log line: boot noise, binary garbage, another program's output. */
  | { kind: 'noise'; text: string };

// The timestamp need not start the line: boot ROM output and line noise often precede it without a newline.
// Old builds log without milliseconds.
const LOG_LINE = /(\d{2}:\d{2}:\d{2}(?:\.\d{3})?) ([A-Z][A-Z0-9]{1,7}): (.*)$/s;
const RESULT_TEXT = /^(\S+) = (.*?)( \(retained\))?$/s;

/** Classifies one console line (without its line ending). */
export function parseConsoleLine(line: string): ConsoleLine {
  const match = LOG_LINE.exec(line);
  if (!match) return { kind: 'noise', text: line };
  const [, time, tag, text] = match as unknown as [string, string, string, string];
  if (tag === 'CMD') return { kind: 'command', time, text };
  if (tag === 'RSL' || tag === 'MQT') {
    const result = RESULT_TEXT.exec(text);
    if (result) {
      const topic = result[1]!;
      return {
        kind: 'result',
        time,
        tag,
        topic,
        command: (topic.split('/').pop() ?? topic).toUpperCase(),
        payload: result[2]!,
        isRetained: result[3] !== undefined,
      };
    }
  }
  return { kind: 'log', time, tag, text };
}

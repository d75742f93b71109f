import type { Logger, LogFields } from '../ports';

type Level = 'debug' | 'info' | 'warn' | 'error';
const ORDER: Record<Level, number> = { debug: 10, info: 20, warn: 30, error: 40 };

/** One JSON object per line, to a writable (stderr by default), at or above `level`. */
export function createJsonLogger(
  options: { level?: Level; write?: (line: string) => void; bindings?: LogFields } = {},
): Logger {
  const min = ORDER[options.level ?? 'info'];
  const write = options.write ?? ((line: string) => process.stderr.write(line + '\n'));
  const log = (level: Level) => (message: string, fields?: LogFields) => {
    if (ORDER[level] < min) return;
    write(
      JSON.stringify({ t: new Date().toISOString(), level, msg: message, ...options.bindings, ...fields }),
    );
  };
  return { debug: log('debug'), info: log('info'), warn: log('warn'), error: log('error') };
}

export const silentLogger: Logger = { debug() {}, info() {}, warn() {}, error() {} };

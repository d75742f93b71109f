/**
 * One fault model for every device family (Shelly and Tasmota). A device carries a list of these; the
 * grammar in ./fault-grammar.ts and the README describe how they are written on the CLI.
 *
 * - `offline`: `refuse` = not advertised, TCP refused (Tasmota: no MQTT session either); `silent` = not
 *   advertised, accepts TCP but never answers (Tasmota: connected to MQTT but deaf); `unadvertised` =
 *   answers normally but is not in mDNS (Tasmota: publishes no discovery config).
 * - `slow`: every reply is delayed by a uniform random latency in [minMs, maxMs].
 * - `flaky`: each request/command is answered by a connection reset with this probability.
 * - `hang`: `silent` reads the request and never answers; `mid` sends the status line, headers and part
 *   of the body, then stalls forever.
 * - `garbage`: replies are not JSON (HTTP 200 with junk, MQTT/serial junk payloads).
 * - `http-500`: HTTP replies are `500 Internal Server Error` (text); MQTT and serial are unaffected.
 * - `ota-download-error`: the firmware download is cut at half way; the update fails, nothing changes.
 * - `corrupt-download`: one byte of the downloaded image is flipped, so the hash check fails.
 * - `silent-rollback`: the update reports success and reboots, but boots back into the old version.
 * - `long-reboot`: every boot takes `bootMs` instead of the fleet's boot time.
 * - `drop`: after `afterCommands` commands (or `afterMs` after the fault is set) the device drops off
 *   the network (like `offline refuse`) for `forMs`, then returns without rebooting. Fires once.
 */
export type Fault =
  | { kind: 'offline'; mode: OfflineMode }
  | { kind: 'slow'; minMs: number; maxMs: number }
  | { kind: 'flaky'; probability: number }
  | { kind: 'hang'; mode: 'silent' | 'mid' }
  | { kind: 'garbage' }
  | { kind: 'http-500' }
  | { kind: 'ota-download-error' }
  | { kind: 'corrupt-download' }
  | { kind: 'silent-rollback' }
  | { kind: 'long-reboot'; bootMs: number }
  | { kind: 'drop'; afterCommands?: number; afterMs?: number; forMs: number };

export type FaultKind = Fault['kind'];
export type OfflineMode = 'refuse' | 'silent' | 'unadvertised';

export const FAULT_KINDS: readonly FaultKind[] = [
  'offline',
  'slow',
  'flaky',
  'hang',
  'garbage',
  'http-500',
  'ota-download-error',
  'corrupt-download',
  'silent-rollback',
  'long-reboot',
  'drop',
];

/** The four faults of the first simulator version; `setFault` still accepts them by name. */
export type LegacyShellyFault = 'garbage' | 'http-500' | 'hang' | 'refuse';

export function fromLegacy(fault: LegacyShellyFault): Fault {
  switch (fault) {
    case 'garbage':
      return { kind: 'garbage' };
    case 'http-500':
      return { kind: 'http-500' };
    case 'hang':
      return { kind: 'hang', mode: 'silent' };
    case 'refuse':
      return { kind: 'offline', mode: 'refuse' };
  }
}

/** What `setFault` accepts: a legacy name, one fault, a list, or null to clear every fault. */
export type FaultInput = LegacyShellyFault | Fault | readonly Fault[] | null;

export function normaliseFaults(input: FaultInput): Fault[] {
  if (input === null) return [];
  if (typeof input === 'string') return [fromLegacy(input)];
  if (Array.isArray(input)) return [...(input as readonly Fault[])];
  return [input as Fault];
}

/** The CLI form of one fault's parameters (inverse of the grammar's argument parsing). */
export function describeFault(fault: Fault): string {
  switch (fault.kind) {
    case 'offline':
    case 'hang':
      return `${fault.kind}(${fault.mode})`;
    case 'slow':
      return `slow(${fault.minMs}-${fault.maxMs}ms)`;
    case 'flaky':
      return `flaky(${fault.probability})`;
    case 'long-reboot':
      return `long-reboot(${fault.bootMs}ms)`;
    case 'drop': {
      const after = fault.afterMs !== undefined ? `${fault.afterMs}ms` : String(fault.afterCommands ?? 1);
      return `drop(after=${after},for=${fault.forMs}ms)`;
    }
    default:
      return fault.kind;
  }
}

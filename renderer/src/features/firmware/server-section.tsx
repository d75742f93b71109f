import type { FirmwareServerStatus, SelfCheckOutcome } from '../../../../shared/domain/firmware';
import { assertNever } from '../../../../shared/util/assert-never';
import { useFirmware } from '../../stores/firmware-store';
import { checkReachability } from './firmware-intents';
import { ServerSettingsForm } from './server-settings-form';

function outcomeWords(outcome: SelfCheckOutcome): string {
  switch (outcome) {
    case 'reachable':
      return 'reachable';
    case 'not-local':
      return 'not an address of this computer';
    case 'no-interface':
      return 'no such interface';
    case 'bind-failed':
      return 'the server could not listen there';
    case 'timeout':
      return 'no answer in time';
    case 'unreachable':
      return 'unreachable';
    case 'wrong-answer':
      return 'something else answered';
    default:
      return assertNever(outcome, 'self-check outcome');
  }
}

function statusWords(status: FirmwareServerStatus): string {
  if (!status.listening) return `Not serving${status.error ? `: ${status.error}` : ''}.`;
  const where = status.bindAddress === '0.0.0.0' ? 'all interfaces' : status.bindAddress;
  return `Serving on ${where}, port ${status.port}. ${status.activeDownloads} download${status.activeDownloads === 1 ? '' : 's'} now, ${status.activeJobs} job${status.activeJobs === 1 ? '' : 's'} holding a download link.`;
}

/** The firmware server devices download from: its state, settings, and whether devices can reach it. */
export function ServerSection() {
  const server = useFirmware((s) => s.server);
  const selfCheck = useFirmware((s) => s.selfCheck);
  return (
    <section className="discovery-section" aria-labelledby="firmware-server-title">
      <h3 id="firmware-server-title">Firmware server</h3>
      {!server ? (
        <p className="empty">Loading…</p>
      ) : (
        <>
          <p
            data-testid="server-status"
            data-listening={server.status.listening}
            className={server.status.listening ? 'online' : 'error-text'}
          >
            {statusWords(server.status)}
          </p>
          <ServerSettingsForm key={JSON.stringify(server.settings)} settings={server.settings} />
        </>
      )}
      <button
        type="button"
        disabled={selfCheck.state === 'checking'}
        onClick={() => void checkReachability()}
      >
        Check reachability
      </button>
      {selfCheck.state === 'checking' && <p>Checking…</p>}
      {selfCheck.state === 'failed' && (
        <p className="error-text">The check could not run: {selfCheck.error}</p>
      )}
      {selfCheck.state === 'done' && (
        <div role="status" data-testid="self-check" data-ok={selfCheck.result.ok}>
          <p className={selfCheck.result.ok ? 'online' : 'error-text'}>{selfCheck.result.message}</p>
          <ul>
            {selfCheck.result.checks.map((c, i) => (
              <li key={`${c.interface}-${c.address}-${i}`} data-outcome={c.outcome}>
                {c.interface ?? 'all interfaces'}
                {c.address ? ` (${c.address}${c.port ? `:${c.port}` : ''})` : ''}: {outcomeWords(c.outcome)}
                {c.message && c.message !== selfCheck.result.message ? ` — ${c.message}` : ''}
              </li>
            ))}
          </ul>
        </div>
      )}
    </section>
  );
}

import type { FirmwareServerInfo, SelfCheck, SelfCheckRequest } from '../../../shared/domain/firmware';
import type { JobPlan } from '../../../shared/domain/job';

export type FirmwareServerCheck = NonNullable<JobPlan['firmwareServer']>;

/** The part of FirmwareServer the dry run reads. */
export interface FirmwareServerProbe {
  info(): Pick<FirmwareServerInfo, 'status'>;
  /** Fetches `/health` through each address devices would use; talks only to this machine. */
  selfCheck(request: SelfCheckRequest): Promise<SelfCheck>;
}

/**
 * Can devices download firmware now? A server that is not listening cannot hand out URLs at all, whatever a
 * self-check through a temporary listener would say; otherwise the self-check over the saved interface
 * decides, and `url` is the address it checked (the one that failed, when one did).
 */
export async function checkFirmwareServer(server: FirmwareServerProbe): Promise<FirmwareServerCheck> {
  const { status } = server.info();
  if (!status.listening) {
    const message = status.error
      ? `The firmware server is not listening: ${status.error}.`
      : 'The firmware server is not running.';
    return { ok: false, url: null, message };
  }
  const check = await server.selfCheck({});
  const shown = check.checks.find((c) => c.outcome !== 'reachable') ?? check.checks[0];
  const url =
    shown && shown.address !== null && shown.port !== null ? `http://${shown.address}:${shown.port}` : null;
  return { ok: check.ok, url, message: check.message };
}

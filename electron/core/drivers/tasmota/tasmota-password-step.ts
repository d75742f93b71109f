import type { DeviceCredentials, HttpEndpoint, StepResult } from '../device-driver';
import { DeviceError } from '../../device-error';
import { TasmotaPasswordRefused } from './tasmota-channel';
import { HttpChannel } from './tasmota-http-channel';
import { statusSections, statusSectionsWanted } from './tasmota-status-sections';
import { checkWebPassword } from './tasmota-step-check';
import type { TasmotaStepSession } from './tasmota-step-session';

const PROBE = { name: 'Status', value: '1' };
const PROBE_WANTS = statusSectionsWanted(PROBE)!;

/** Whether `/cm` at `endpoint` accepts `credentials` (a refusal is an answer, not an error). */
async function isAccepted(
  session: TasmotaStepSession,
  endpoint: HttpEndpoint,
  credentials: DeviceCredentials | null,
): Promise<boolean> {
  const channel = new HttpChannel(session.transports.http, endpoint, credentials);
  try {
    await channel.exchange(PROBE, statusSections(PROBE, PROBE_WANTS), {
      timeoutMs: session.timing.commandTimeoutMs,
      signal: session.signal,
    });
    return true;
  } catch (error) {
    if (error instanceof TasmotaPasswordRefused) return false;
    throw error;
  }
}

/**
 * set-password: `WebPassword <password>` from a credential set (`WebPassword 0` when the set is null:
 * no password). The firmware only ever shows `****`, so the change is verified where it matters, on the
 * web API: `/cm` must accept the new password and refuse the old one. Without an HTTP endpoint that proof
 * is impossible and the step is refused before anything is sent. The password never appears in a
 * message (the command is marked secret).
 */
export async function setWebPassword(
  session: TasmotaStepSession,
  credentialSetId: string | null,
): Promise<StepResult> {
  const services = session.services();
  const http = session.target.endpoints.find((e): e is HttpEndpoint => e.transport === 'http');
  if (!http) {
    throw new DeviceError(
      'unsupported',
      'a Tasmota web password can only be verified over HTTP; no HTTP address is known',
    );
  }
  const wanted = credentialSetId === null ? null : await services.credentialSet(credentialSetId);
  if (credentialSetId !== null && wanted === null) {
    throw new DeviceError('unsupported', `credential set ${credentialSetId} does not exist`);
  }
  const password = wanted?.password ?? '';
  if (password !== '') checkWebPassword(password);
  const old = await session.credentials();
  const { link } = await session.open();
  session.progress(password === '' ? 'removing the web password' : 'setting the web password');
  const reply = await link.command({
    name: 'WebPassword',
    value: password === '' ? '0' : password,
    isSecret: true,
  });
  const shown = reply.WebPassword;
  if (typeof shown !== 'string' || (password === '') !== (shown === '')) {
    throw new DeviceError(
      'device-error',
      // Firmware masks it as ****; should a build echo it, it still goes no further.
      `the device answered ${JSON.stringify(reply)
        .split(password || '\u0000')
        .join('****')} to "WebPassword ****"`,
    );
  }
  session.progress('checking the web password on /cm');
  const next = password === '' ? null : { username: 'admin', password };
  if (!(await isAccepted(session, http, next))) {
    throw new DeviceError('not-verified', `/cm does not accept the new web password ${link.over}`);
  }
  const oldPassword = old?.password ?? '';
  const checksOld = password !== '' && oldPassword !== password;
  if (checksOld && (await isAccepted(session, http, oldPassword === '' ? null : old))) {
    throw new DeviceError('not-verified', `/cm still accepts the old web password ${link.over}`);
  }
  // Verified: from now on the app logs in to this device with that set.
  await services.rememberCredentials(session.target, credentialSetId);
  const what = password === '' ? 'web password removed' : 'web password set';
  return {
    summary: `${what} ${link.over}; /cm accepts the new one${checksOld ? ' and refuses the old one' : ''}`,
  };
}

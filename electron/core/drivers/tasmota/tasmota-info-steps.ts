import { redactSecrets } from '../../artifacts/redact';
import type { StepResult } from '../device-driver';
import { describeBoot } from './tasmota-boot-marks';
import { commandLabel } from './tasmota-channel';
import { checkRawCommand } from './tasmota-step-check';
import type { TasmotaStepSession } from './tasmota-step-session';

/** Longest reply a raw-command summary carries; the job monitor shows one line. */
const MAX_REPLY_CHARS = 2_000;

/** Device output with secret-looking keys and the device's own password removed. */
async function scrubbed(session: TasmotaStepSession, value: unknown): Promise<unknown> {
  const password = (await session.credentials())?.password;
  return redactSecrets(value, password ? [password] : []);
}

/** collect: the `Status 0` object (PROTOCOLS.md §2.3) stored as a `tasmota-status0` artifact. */
export async function collect(session: TasmotaStepSession): Promise<StepResult> {
  const services = session.services();
  const { link, baseline } = await session.open();
  session.progress('storing the Status 0 snapshot');
  const artifactId = await services.saveArtifact(
    session.target,
    'tasmota-status0',
    await scrubbed(session, baseline.json),
  );
  return {
    summary: `Status 0 collected ${link.over}: ${baseline.status.device.firmware}, ${describeBoot(baseline.marks)}`,
    artifactId,
  };
}

/** raw-command: one TASMOTA_RAW_COMMANDS command; the summary carries the device's reply. */
export async function rawCommand(
  session: TasmotaStepSession,
  name: string,
  value: string,
): Promise<StepResult> {
  const command = checkRawCommand(name, value);
  const { link } = await session.open();
  session.progress(`sending ${commandLabel(command)}`);
  const reply = JSON.stringify(await scrubbed(session, await link.command(command)));
  const shown = reply.length > MAX_REPLY_CHARS ? `${reply.slice(0, MAX_REPLY_CHARS)}…` : reply;
  return { summary: `${commandLabel(command)} ${link.over} → ${shown}` };
}

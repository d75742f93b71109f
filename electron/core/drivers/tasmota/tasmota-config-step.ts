import type { TasmotaConfigChange } from '../../../../shared/domain/device-actions';
import type { StepResult } from '../device-driver';
import { DeviceError } from '../../device-error';
import { describeBoot } from './tasmota-boot-marks';
import type { TasmotaCommand } from './tasmota-channel';
import { readBackMatches } from './tasmota-config-values';
import type { TasmotaLink } from './tasmota-link';
import { planConfigChange } from './tasmota-step-check';
import type { TasmotaStepSession } from './tasmota-step-session';

const shown = (value: unknown): string => {
  const text = JSON.stringify(value) ?? 'nothing';
  return text.length > 60 ? `${text.slice(0, 60)}…` : text;
};

/**
 * Queries every command (empty payload) until each reads back as set. A Backlog may still be running when
 * `/cm` answers, so mismatches are retried until `verifyTimeoutMs`; then the first one fails the step.
 */
export async function readBack(
  session: TasmotaStepSession,
  link: TasmotaLink,
  commands: readonly TasmotaCommand[],
): Promise<string[]> {
  const deadline = session.clock.now() + session.timing.verifyTimeoutMs;
  const seen = new Map<TasmotaCommand, unknown>();
  let pending = [...commands];
  for (;;) {
    for (const command of pending) seen.set(command, await link.query(command.name));
    pending = pending.filter((c) => !readBackMatches(c.name, c.value, seen.get(c)));
    if (pending.length === 0) break;
    if (session.clock.now() >= deadline) {
      const wrong = pending.map(
        (c) => `${c.name} reads back ${shown(seen.get(c))}, expected ${shown(c.value)}`,
      );
      throw new DeviceError('not-verified', `${wrong.join('; ')} ${link.over}`);
    }
    await session.pause();
  }
  return commands.map((c) => `${c.name}=${shown(seen.get(c))}`);
}

/**
 * config-change (PROTOCOLS.md §2.4): the allow-list is checked again, the commands go out as one
 * `Backlog`, a restart is awaited when any of them needs one (following a new Topic/FullTopic on MQTT),
 * and every value is read back. A change that moves the device off its broker is not sent over MQTT.
 */
export async function changeConfig(
  session: TasmotaStepSession,
  change: TasmotaConfigChange | undefined,
): Promise<StepResult> {
  const plan = planConfigChange(change);
  const opened = await session.open({ avoidMqtt: plan.movesBroker });
  const { link } = opened;
  session.progress(`sending ${plan.commands.length} setting(s) as one Backlog`);
  const rename = { topic: plan.topic, fullTopic: plan.fullTopic };
  const isRenaming = plan.topic !== null || plan.fullTopic !== null;
  await link.backlog(plan.backlog, plan.commands, isRenaming ? rename : undefined);
  let restart = '';
  if (plan.restarts) {
    link.channel.retarget(rename);
    const seen = await session.waitForRestart(opened, 'the config change');
    restart = `; restarted (${describeBoot(seen.after.marks)})`;
  }
  session.progress('reading every setting back');
  const values = await readBack(session, link, plan.commands);
  return { summary: `read back ${link.over}: ${values.join(', ')}${restart}` };
}

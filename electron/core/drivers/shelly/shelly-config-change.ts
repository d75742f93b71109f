import type { ShellyConfigChange } from '../../../../shared/domain/device-actions';
import type { StepResult } from '../device-driver';
import { DeviceError } from '../../device-error';
import {
  configMismatches,
  needsRestart,
  planConfigWrites,
  settingCount,
  type ConfigWrite,
} from './shelly-config-plan';
import { rebootVerified } from './shelly-reboot';
import type { ShellySession } from './shelly-session';

/**
 * Config change (§1.4): one `<Component>.SetConfig` per component, each read back with its `GetConfig` and
 * compared field by field. When a reply says `restart_required`, the device is rebooted (verified by uptime)
 * and everything is read back again, since a setting may only take effect (or be lost) across the restart.
 */
export async function changeConfig(
  session: ShellySession,
  change: ShellyConfigChange | undefined,
): Promise<StepResult> {
  const writes = change ? planConfigWrites(change) : [];
  if (writes.length === 0) throw new DeviceError('unsupported', 'no Shelly settings in this step');
  await session.sysStatus(); // identity and login before writing anything
  const applied: string[] = [];
  const restartBy: string[] = [];
  for (const write of writes) {
    session.progress(`writing ${write.component}`);
    let reply: unknown;
    try {
      reply = await session.call(write.setMethod, write.setParams);
    } catch (error) {
      if (!(error instanceof DeviceError) || applied.length === 0) throw error;
      throw new DeviceError(error.reason, `${error.message} (already applied: ${applied.join(', ')})`);
    }
    applied.push(write.component);
    if (needsRestart(reply)) restartBy.push(write.setMethod);
  }
  session.progress('reading back');
  await verifyWrites(session, writes, 'after writing');
  const count = writes.reduce((sum, write) => sum + settingCount(write.expected), 0);
  if (restartBy.length === 0) {
    return { summary: `applied ${applied.join(', ')}; read back ${count} setting(s)` };
  }
  const { after } = await rebootVerified(session);
  await verifyWrites(session, writes, 'after the restart');
  return {
    summary:
      `applied ${applied.join(', ')}; device restarted because ${restartBy.join(', ')} required it ` +
      `(uptime ${after.uptime} s); read back ${count} setting(s) before and after the restart`,
  };
}

async function verifyWrites(
  session: ShellySession,
  writes: readonly ConfigWrite[],
  when: string,
): Promise<void> {
  const mismatches: string[] = [];
  for (const write of writes) {
    const actual = await session.call(write.getMethod, write.getParams);
    mismatches.push(...configMismatches(write.expected, actual, write.component));
  }
  if (mismatches.length > 0) {
    throw new DeviceError('not-verified', `read-back ${when} differs: ${mismatches.join('; ')}`);
  }
}

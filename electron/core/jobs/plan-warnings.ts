import type { DevicePlan, JobPlan, JobPolicy } from '../../../shared/domain/job';

/** "45 s", "60 min", "3 h", "1.5 h", "7 days": the unit a technician would say. */
export function formatWait(ms: number): string {
  const round1 = (n: number) => Math.round(n * 10) / 10;
  if (ms < 60_000) return `${Math.round(ms / 1_000)} s`;
  if (ms < 120 * 60_000) return `${Math.round(ms / 60_000)} min`;
  if (ms < 48 * 3_600_000) return `${round1(ms / 3_600_000)} h`;
  return `${round1(ms / 86_400_000)} days`;
}

const devicesAre = (n: number) => (n === 1 ? '1 device is' : `${n} devices are`);

/** Plain sentences for what the technician should know before confirming. */
export function planWarnings(
  devices: readonly DevicePlan[],
  firmwareServer: JobPlan['firmwareServer'],
  policy: Pick<JobPolicy, 'offline'>,
): string[] {
  const warnings: string[] = [];
  const runnable = devices.filter((d) => d.skip === null).length;
  if (runnable === 0) warnings.push('No device would get any step: every target is skipped.');
  const deferred = devices.filter((d) => d.deferred).length;
  if (deferred > 0) {
    warnings.push(
      `${devicesAre(deferred)} offline and will be waited for up to ${formatWait(policy.offline.deadlineMs)}, ` +
        'then skipped as not reached.',
    );
  }
  if (firmwareServer && !firmwareServer.ok) {
    const where = firmwareServer.url ? ` at ${firmwareServer.url}` : '';
    warnings.push(
      `The firmware server is not reachable${where}, so firmware steps would fail. ${firmwareServer.message}`,
    );
  }
  return warnings;
}

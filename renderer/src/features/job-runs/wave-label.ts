export { waveName as waveLabel } from '../../../../shared/domain/job-waves';

/** "1 device", "3 devices". */
export function deviceCount(n: number): string {
  return `${n} device${n === 1 ? '' : 's'}`;
}

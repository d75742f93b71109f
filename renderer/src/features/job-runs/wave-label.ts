/** "Canary", "Wave 1", …: waves are numbered from 1 after the canary, from its index otherwise. */
export function waveLabel(index: number, hasCanary: boolean): string {
  if (hasCanary && index === 0) return 'Canary';
  return `Wave ${hasCanary ? index : index + 1}`;
}

/** "1 device", "3 devices". */
export function deviceCount(n: number): string {
  return `${n} device${n === 1 ? '' : 's'}`;
}

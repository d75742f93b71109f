/**
 * A wave's name as every screen, log line and gate message says it: "Canary", "Wave 1", … Waves are numbered
 * from 1 after the canary, from their index + 1 when there is none. The one place a wave index becomes a number
 * a technician reads, so the gate banner and the wave list cannot disagree.
 */
export function waveName(index: number, hasCanary: boolean): string {
  if (hasCanary && index === 0) return 'Canary';
  return `Wave ${hasCanary ? index : index + 1}`;
}

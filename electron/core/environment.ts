/** Test mode (vitest, e2e hosts): mDNS then refuses to run unless loopback is the only interface. */
export function isTestMode(env: NodeJS.ProcessEnv): boolean {
  return env.FIELDBATCH_TEST_MODE === '1' || env.VITEST === 'true' || env.NODE_ENV === 'test';
}

import { afterAll, describe, expect, it } from 'vitest';
import { authCaptures, shellyCaptures } from '../../../../conformance/fixture-files';
import { startReplay } from '../../../../conformance/shelly-replay-server';
import { FakeStepServices } from '../../../../test-support/core/fake-step-services';
import { failure, makeDriver, targetOf } from '../../../../test-support/drivers/shelly/shelly-test-kit';

/**
 * A wrong password against each real HTTP 401 challenge (fixtures/real-devices/shelly-auth, sources in its
 * SOURCES.md), served byte for byte by the conformance replay server: the driver must say "wrong password"
 * after one answer, not loop (PROTOCOLS.md §1.6). The right password is conformance/shelly-http.int.test.ts.
 */
const t = makeDriver();
afterAll(() => t.http.close());

const device = shellyCaptures().find((c) => c.deviceInfo && c.status)!;
const httpChallenges = authCaptures().filter(([, c]) => c.transport === 'http' && !c.expected.stale);

describe.each(httpChallenges)('the real HTTP 401 challenge %s', (_file, challenge) => {
  it('fails a wrong password at once with a clear reason, after one answer', async () => {
    const replay = await startReplay({
      capture: device,
      challenge: { capture: challenge, password: 'right' },
    });
    try {
      const target = targetOf({
        host: '127.0.0.1',
        port: replay.port,
        mac: String(device.deviceInfo!.mac),
        model: String(device.deviceInfo!.model),
      });
      const wrong = new FakeStepServices({ siteCredentials: { username: 'admin', password: 'wrong' } });
      const error = await failure(
        t.driver.readState(target, { signal: AbortSignal.timeout(5_000), services: wrong }),
      );
      expect(error).toMatchObject({
        reason: 'device-error',
        message: `wrong password for ${challenge.expected.realm}`,
      });
      expect(replay.calls).toEqual(['401 Sys.GetStatus', '401 Sys.GetStatus']);
    } finally {
      await replay.close();
    }
  });
});

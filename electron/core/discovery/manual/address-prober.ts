import type { HttpEndpoint, IdentifiedDevice } from '../../drivers/device-driver';
import { DeviceError } from '../../device-error';
import type { DriverRegistry } from '../../drivers/driver-registry';

/** `hasAnswered`: something answered (with an error, or not as any family) rather than nothing at all. */
export type ProbeResult =
  { device: IdentifiedDevice; endpoint: HttpEndpoint } | { error: string; hasAnswered: boolean };

/**
 * Asks every driver in turn who answers at `host:port` over HTTP. Nothing listening (refused, timeout) ends
 * the probe at once; an HTTP answer that is not a driver's family moves on to the next driver.
 */
export async function probeAddress(
  drivers: DriverRegistry,
  host: string,
  port: number,
  options: { signal: AbortSignal; timeoutMs: number },
): Promise<ProbeResult> {
  const endpoint: HttpEndpoint = { transport: 'http', host, port };
  const reasons: string[] = [];
  let hasAnswered = false;
  for (const driver of drivers.all()) {
    const controller = new AbortController();
    const onAbort = () => controller.abort(options.signal.reason);
    options.signal.addEventListener('abort', onAbort, { once: true });
    const timer = setTimeout(
      () => controller.abort(new DeviceError('timeout', 'no answer in time')),
      options.timeoutMs,
    );
    try {
      return { device: await driver.identify(endpoint, { signal: controller.signal }), endpoint };
    } catch (error) {
      if (options.signal.aborted) throw options.signal.reason;
      const reason = error instanceof DeviceError ? error.reason : 'internal';
      reasons.push(`${driver.family}: ${error instanceof DeviceError ? error.message : String(error)}`);
      if (reason === 'unreachable' || reason === 'timeout') break;
      hasAnswered = true;
    } finally {
      clearTimeout(timer);
      options.signal.removeEventListener('abort', onAbort);
    }
  }
  return {
    error: `no known device answered at ${host}:${port} (${reasons.join('; ') || 'no drivers'})`,
    hasAnswered,
  };
}

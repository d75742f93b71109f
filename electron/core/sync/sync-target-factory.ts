import type { SyncTargetSettings } from '../../../shared/domain/sync';
import { assertNever } from '../../../shared/util/assert-never';
import type { Clock } from '../ports';
import type { SyncTarget } from './sync-target';
import { HawkbitTarget } from './targets/hawkbit-target';
import { HttpsTarget } from './targets/https-target';
import { MqttTarget } from './targets/mqtt-target';

/** A target's secrets, read from the secret store just before it is built (null: none stored). */
export interface TargetSecrets {
  password: string | null;
  token: string | null;
  keyPem: string | null;
}

/** Builds the `SyncTarget` a stored setting describes. Pure wiring: no I/O until the worker delivers. */
export function buildSyncTarget(
  settings: SyncTargetSettings,
  secrets: TargetSecrets,
  clock: Clock,
): SyncTarget {
  switch (settings.kind) {
    case 'mqtt':
      return new MqttTarget({
        id: settings.id,
        url: settings.url,
        username: settings.username ?? undefined,
        password: secrets.password ?? undefined,
        ca: settings.caPem ?? undefined,
        cert: settings.certPem ?? undefined,
        key: secrets.keyPem ?? undefined,
        topicPrefix: settings.topicPrefix,
        // Fixed per target: with `clean: false` the broker keeps the session (and QoS 1 in flight) for it.
        clientId: `fieldbatch-${settings.id}`,
      });
    case 'https':
      return new HttpsTarget({
        id: settings.id,
        url: settings.url,
        headers: settings.headers,
        token: secrets.token,
        caPem: settings.caPem,
        clock,
      });
    case 'hawkbit':
      return new HawkbitTarget({
        id: settings.id,
        baseUrl: settings.baseUrl,
        auth:
          settings.authMode === 'basic'
            ? { mode: 'basic', username: settings.username ?? '', password: secrets.password ?? '' }
            : { mode: 'bearer', token: secrets.token ?? '' },
        controllerIdPrefix: settings.controllerIdPrefix,
        distributionSetName: settings.distributionSetName,
        caPem: settings.caPem,
        clock,
      });
    default:
      return assertNever(settings, 'sync target kind');
  }
}

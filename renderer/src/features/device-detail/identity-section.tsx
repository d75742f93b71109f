import type { DeviceSummary } from '../../../../shared/domain/device';
import { formatDateTime } from '../../components/time-ago';
import { OnlineState, SourceBadges } from '../devices/device-cells';

export function IdentitySection({ device }: { device: DeviceSummary }) {
  const firmware =
    device.firmwareSemver && device.firmwareSemver !== device.firmware
      ? `${device.firmware} (${device.firmwareSemver})`
      : device.firmware;
  return (
    <section aria-label="Identity">
      <dl className="facts">
        <dt>Id</dt>
        <dd className="mono">{device.id}</dd>
        <dt>Family</dt>
        <dd>{device.family}</dd>
        <dt>Model</dt>
        <dd>
          {device.model}
          {device.product ? ` · ${device.product}` : ''}
          {device.generation !== null ? ` · gen ${device.generation}` : ''}
        </dd>
        <dt>Chip</dt>
        <dd>{device.chip ?? 'not reported yet'}</dd>
        <dt>Firmware</dt>
        <dd>{firmware}</dd>
        <dt>MAC</dt>
        <dd className="mono">{device.mac ?? '—'}</dd>
        <dt>State</dt>
        <dd>
          <OnlineState device={device} />
        </dd>
        <dt>Sources</dt>
        <dd>
          <SourceBadges sources={device.sources} />
        </dd>
        <dt>First seen</dt>
        <dd>{formatDateTime(device.firstSeenAt)}</dd>
        <dt>Last seen</dt>
        <dd>{formatDateTime(device.lastSeenAt)}</dd>
      </dl>
    </section>
  );
}

import type { KeyboardEvent } from 'react';
import { deviceLabel } from '../../../../shared/domain/device';
import { ConfirmAction } from '../../components/confirm-action';
import { SnapshotsSection } from '../artifacts/snapshots-section';
import { DeviceTimelineSection } from '../history/device-timeline-section';
import { ActionsSection } from '../device-actions/actions-section';
import { useDevice, useDeviceDetail } from '../../stores/devices-store';
import { useUi } from '../../stores/ui-store';
import { closeDevice, forgetDevices } from './device-actions';
import { EndpointsSection } from './endpoints-section';
import { IdentitySection } from './identity-section';
import { NeverTouchToggle } from './never-touch-toggle';
import { NotesEditor } from './notes-editor';
import { RawPayload } from './raw-payload';
import { RenameEditor } from './rename-editor';
import { SightingsSection } from './sightings-section';
import { TagsEditor } from './tags-editor';

function close(): void {
  closeDevice();
  document.querySelector<HTMLElement>('[role="grid"][aria-label="Devices"]')?.focus();
}

function DrawerContent({ deviceId }: { deviceId: string }) {
  const device = useDevice(deviceId);
  const detail = useDeviceDetail(deviceId);
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'Escape') close();
  };
  return (
    <aside
      className="drawer"
      role="dialog"
      aria-modal="false"
      aria-label="Device details"
      onKeyDown={onKeyDown}
    >
      <header className="drawer-header">
        <h2 data-testid="drawer-title">{device ? deviceLabel(device) : 'Device'}</h2>
        <button type="button" autoFocus onClick={close}>
          Close
        </button>
      </header>
      {!device ? (
        <p className="empty">This device is no longer in the inventory.</p>
      ) : (
        <>
          <IdentitySection device={device} />
          <ActionsSection device={device} />
          <SnapshotsSection deviceId={deviceId} />
          <DeviceTimelineSection deviceId={deviceId} deviceName={deviceLabel(device)} />
          <RenameEditor key={`name:${device.customName ?? ''}`} device={device} />
          <NeverTouchToggle device={device} />
          <TagsEditor device={device} />
          {detail ? (
            <NotesEditor key={`notes:${detail.notes}`} deviceId={deviceId} notes={detail.notes} />
          ) : (
            <p className="empty">Loading notes…</p>
          )}
          <EndpointsSection endpoints={detail?.endpoints} />
          <RawPayload raw={detail?.raw} isLoaded={detail !== undefined} />
          <SightingsSection sightings={detail?.sightings} />
          <div className="drawer-footer">
            <ConfirmAction
              label="Forget device…"
              question={`Forget ${deviceLabel(device)}? It comes back as new if it is seen again.`}
              confirmLabel="Forget"
              onConfirm={() => void forgetDevices([deviceId])}
            />
          </div>
        </>
      )}
    </aside>
  );
}

/** Everything known about one device, live: summary fields from events, the rest refetched when it changes. */
export function DeviceDrawer() {
  const deviceId = useUi((s) => s.drawerDeviceId);
  if (deviceId === null) return null;
  return <DrawerContent key={deviceId} deviceId={deviceId} />;
}

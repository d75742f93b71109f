import { describe, expect, it } from 'vitest';
import { otaEventsOf } from './shelly-notifications';

const notify = (...events: unknown[]) => ({ method: 'NotifyEvent', params: { ts: 1, events } });

describe('otaEventsOf', () => {
  it('decodes the sys OTA events in order', () => {
    expect(
      otaEventsOf(
        notify(
          { component: 'sys', event: 'ota_begin', msg: 'Waiting for data', ts: 1 },
          { component: 'sys', event: 'ota_progress', progress_percent: 40, msg: 'Downloading', ts: 1 },
          { component: 'sys', event: 'ota_success', msg: 'Update applied, rebooting', ts: 1 },
          { component: 'sys', event: 'ota_error', msg: 'Download failed: connection lost', ts: 1 },
        ),
      ),
    ).toEqual([
      { kind: 'begin', message: 'Waiting for data' },
      { kind: 'progress', percent: 40, message: 'Downloading' },
      { kind: 'success', message: 'Update applied, rebooting' },
      { kind: 'error', message: 'Download failed: connection lost' },
    ]);
  });

  it.each([
    [150, 100],
    [-3, 0],
    [41.6, 42],
    ['50', null],
    [undefined, null],
  ])('turns progress_percent %s into %s', (raw, percent) => {
    expect(otaEventsOf(notify({ component: 'sys', event: 'ota_progress', progress_percent: raw }))).toEqual([
      { kind: 'progress', percent, message: '' },
    ]);
  });

  it.each([
    ['NotifyStatus', { method: 'NotifyStatus', params: { ts: 1, sys: { cfg_rev: 3 } } }],
    ['other sys events', notify({ component: 'sys', event: 'config_changed', cfg_rev: 3 })],
    ['OTA names from another component', notify({ component: 'switch:0', event: 'ota_error' })],
    ['a missing events list', { method: 'NotifyEvent', params: { ts: 1 } }],
    ['junk events', notify(null, 7, 'ota_error')],
  ])('ignores %s', (_what, notification) => {
    expect(otaEventsOf(notification)).toEqual([]);
  });
});

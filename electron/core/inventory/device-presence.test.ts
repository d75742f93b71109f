import { describe, expect, it } from 'vitest';
import { devicePresence, lostNote, type EndpointPresence } from './device-presence';

const online = (lastSeenAt: number): EndpointPresence => ({ online: true, offlineReason: null, lastSeenAt });
const offline = (lastSeenAt: number, reason: EndpointPresence['offlineReason']): EndpointPresence => ({
  online: false,
  offlineReason: reason,
  lastSeenAt,
});

describe('devicePresence', () => {
  it('is online while any endpoint is, whatever was just lost', () => {
    expect(devicePresence([offline(300, 'goodbye'), online(100)], 'goodbye')).toEqual({
      online: true,
      offlineReason: null,
    });
  });

  it('takes the reason of the endpoint just lost over older ones', () => {
    expect(devicePresence([offline(300, 'goodbye'), offline(100, 'expired')], 'lwt-offline')).toEqual({
      online: false,
      offlineReason: 'lwt-offline',
    });
  });

  it('otherwise takes the reason of the endpoint seen last (the first listed of a tie)', () => {
    expect(devicePresence([offline(100, 'expired'), offline(300, 'unplugged')])).toMatchObject({
      offlineReason: 'unplugged',
    });
    expect(devicePresence([offline(300, 'timeout'), offline(300, 'unplugged')])).toMatchObject({
      offlineReason: 'timeout',
    });
  });

  it('is not-seen without endpoints (a device known from a list)', () => {
    expect(devicePresence([])).toEqual({ online: false, offlineReason: 'not-seen' });
  });
});

describe('lostNote', () => {
  it('names the endpoint and why it went away', () => {
    expect(lostNote('192.0.2.5:80', 'goodbye')).toBe('192.0.2.5:80 (goodbye)');
  });
});

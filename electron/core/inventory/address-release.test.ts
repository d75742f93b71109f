import { describe, expect, it } from 'vitest';
import type { DeviceId } from '../../../shared/domain/device';
import { addressRelease } from './address-release';

const A = 'mac:00000000000a' as DeviceId;
const B = 'mac:00000000000b' as DeviceId;
const C = 'mac:00000000000c' as DeviceId;

describe('addressRelease', () => {
  it('takes the address from every other device online there, as unreachable', () => {
    expect(addressRelease({ id: A, online: true, key: '192.0.2.5:80' }, [A, B, C])).toEqual({
      released: [B, C],
      reason: 'unreachable',
      note: '192.0.2.5:80 now answers as another device',
    });
  });

  it('releases nothing when the sighted device is the only holder', () => {
    expect(addressRelease({ id: A, online: true, key: '192.0.2.5:80' }, [A])).toBeNull();
    expect(addressRelease({ id: A, online: true, key: '192.0.2.5:80' }, [])).toBeNull();
  });

  it('releases nothing for a sighting that is not online or has no address', () => {
    expect(addressRelease({ id: A, online: false, key: '192.0.2.5:80' }, [B])).toBeNull();
    expect(addressRelease({ id: A, online: true, key: null }, [B])).toBeNull();
  });
});

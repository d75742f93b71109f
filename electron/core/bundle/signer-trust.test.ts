import { describe, expect, it } from 'vitest';
import { BundleError } from './bundle-errors';
import { SignerTrust } from './signer-trust';

const OWN = 'aaaa bbbb';
const OFFICE = 'cccc dddd';
const STRANGER = 'eeee ffff';

function trust() {
  const values = new Map<string, unknown>();
  const settings = {
    read: <T>(key: string, fallback: T) => (values.has(key) ? (values.get(key) as T) : fallback),
    write: (key: string, value: unknown) => void values.set(key, value),
  };
  return new SignerTrust(settings as never, async () => OWN);
}

describe('signer trust', () => {
  it("recognises this computer's own key, and that key does not take the first-use pin", async () => {
    const t = trust();
    expect(await t.status(OWN)).toBe('own');
    expect(await t.check(OWN, false)).toBe('own');
    // The first foreign bundle is still the first: the own key was never pinned.
    expect(await t.status(OFFICE)).toBe('first-use');
    t.pin(OFFICE, 1);
    expect(await t.status(OFFICE)).toBe('pinned');
    expect(await t.status(OWN)).toBe('own');
  });

  it('refuses a second foreign key unless trusted anyway, and pins a key once', async () => {
    const t = trust();
    t.pin(OFFICE, 1);
    t.pin(OFFICE, 2);
    await expect(t.check(STRANGER, false)).rejects.toBeInstanceOf(BundleError);
    await expect(t.check(STRANGER, false)).rejects.toMatchObject({ problem: 'untrusted-signer' });
    expect(await t.check(STRANGER, true)).toBe('unknown');
    t.pin(STRANGER, 3);
    expect(await t.status(STRANGER)).toBe('pinned');
  });
});

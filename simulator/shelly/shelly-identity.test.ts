import { describe, expect, it } from 'vitest';
import { shellyIdentity } from './shelly-identity';
import { SHELLY_MODELS } from './shelly-models';

const MIN_FW_DATE: Record<number, string> = { 2: '20230803', 3: '20231102', 4: '20240902' };

describe('shellyIdentity', () => {
  it('is deterministic for the same seed and index', () => {
    expect(shellyIdentity(7, 42)).toEqual(shellyIdentity(7, 42));
  });

  it('gives different MACs for different seeds', () => {
    expect(shellyIdentity(1, 0).mac).not.toBe(shellyIdentity(2, 0).mac);
  });

  it('never repeats a MAC or id within a 5,000-device fleet', () => {
    const identities = Array.from({ length: 5000 }, (_, index) => shellyIdentity(3, index));
    expect(new Set(identities.map((identity) => identity.mac)).size).toBe(5000);
    expect(new Set(identities.map((identity) => identity.id)).size).toBe(5000);
  });

  it('formats mac, id and instance name the way Gen2+ firmware does', () => {
    for (let index = 0; index < 50; index += 1) {
      const identity = shellyIdentity(1, index);
      expect(identity.mac).toMatch(/^[0-9A-F]{12}$/);
      expect(identity.model.ouis).toContain(identity.mac.slice(0, 6));
      expect(identity.id).toBe(`${identity.model.namePrefix.toLowerCase()}-${identity.mac.toLowerCase()}`);
      expect(identity.instanceName).toBe(`${identity.model.namePrefix}-${identity.mac}`);
    }
  });

  it('covers every catalogue model within the first catalogue-size devices', () => {
    const models = new Set(SHELLY_MODELS.map((_, index) => shellyIdentity(9, index).model.model));
    expect(models.size).toBe(SHELLY_MODELS.length);
    expect(new Set(SHELLY_MODELS.map((model) => model.gen))).toEqual(new Set([2, 3, 4]));
  });
});

describe('SHELLY_MODELS', () => {
  it.each(SHELLY_MODELS.map((model) => [model.model, model] as const))(
    '%s has a fw_id newer than the generation minimum and matching ver',
    (_, model) => {
      const match = /^(\d{8})-\d{6}\/(.+)-g[0-9a-f]{7}$/.exec(model.fwId);
      expect(match).not.toBeNull();
      expect((match?.[1] ?? '') >= MIN_FW_DATE[model.gen]).toBe(true);
      expect(match?.[2]).toBe(model.ver);
    },
  );
});

import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { OfflineReasonSchema } from '../../shared/domain/device';
import type {
  DiscoverySource,
  Loss,
  Sighting,
  SightingListener,
} from '../../electron/core/discovery/discovery-source';
import { endpointKey } from '../../electron/core/discovery/endpoint-key';

/**
 * The world a source watches (a broker, serial ports, the mDNS segment), driven by the test. Each call
 * resolves once the world has changed, not once the source noticed: the suite waits for that itself.
 */
export interface DiscoveryWorld<D> {
  /** A new, not started source over this world. Called twice in one test: the second is a witness. */
  createSource(): DiscoverySource;
  /** Makes a new device visible (announce, retained discovery config, plugged port with a console). */
  addDevice(): Promise<D>;
  /** Makes it go away the way it really does (goodbye, LWT Offline, unplug). */
  removeDevice(device: D): Promise<void>;
  /** Brings a removed device back, unchanged. */
  restoreDevice(device: D): Promise<void>;
  /** Feeds the world garbage (bad JSON, bad TXT, binary noise, odd port metadata). */
  injectGarbage(): Promise<void>;
  /** Stops everything the world started (processes by PID, sockets, temp files). */
  dispose(): Promise<void>;
}

export interface DiscoverySourceHarness<D> {
  createWorld(): Promise<DiscoveryWorld<D>>;
  /** How long to wait for the source to notice a change. Default 10 s. */
  waitTimeoutMs?: number;
}

/** A listener that records every call, for assertions. */
export class RecordingListener implements SightingListener {
  readonly sightings: Sighting[] = [];
  readonly losses: Loss[] = [];
  stateChanges = 0;

  seen(sighting: Sighting): void {
    this.sightings.push(sighting);
  }
  lost(loss: Loss): void {
    this.losses.push(loss);
  }
  stateChanged(): void {
    this.stateChanges += 1;
  }
  get calls(): number {
    return this.sightings.length + this.losses.length + this.stateChanges;
  }
}

/** Who a sighting says the device is: its identity when known, else the announced service name. */
export function sightingIdentity(sighting: Sighting): string {
  return sighting.kind === 'identified'
    ? sighting.device.id
    : `${sighting.service.type}:${sighting.service.name}`;
}

/**
 * The contract every DiscoverySource meets (mDNS, MQTT, serial, manual), after BullMQ's adapter
 * conformance suite: start → running; devices appear with a stable identity; they disappear as a Loss
 * with a reason; stop() is final and idempotent; garbage does not hurt.
 */
export function describeDiscoverySourceConformance<D>(
  name: string,
  harness: DiscoverySourceHarness<D>,
): void {
  const wait = { timeout: harness.waitTimeoutMs ?? 10_000, interval: 20 };

  describe(`DiscoverySource conformance: ${name}`, () => {
    let world: DiscoveryWorld<D>;
    let source: DiscoverySource;
    let listener: RecordingListener;
    const extraSources: DiscoverySource[] = [];

    beforeEach(async () => {
      world = await harness.createWorld();
      source = world.createSource();
      listener = new RecordingListener();
    });

    afterEach(async () => {
      await Promise.all([source, ...extraSources.splice(0)].map((s) => s.stop()));
      await world.dispose();
    });

    /** Adds a device and resolves with the first sighting the source reports after that. */
    async function addAndSee(
      target: RecordingListener = listener,
    ): Promise<{ device: D; sighting: Sighting }> {
      const before = target.sightings.length;
      const device = await world.addDevice();
      await vi.waitFor(() => expect(target.sightings.length).toBeGreaterThan(before), wait);
      return { device, sighting: target.sightings[before]! };
    }

    it('is stopped before start and running once start resolves', async () => {
      expect(source.state().state).toBe('stopped');
      await source.start(listener);
      expect(source.state()).toEqual({ state: 'running', lastError: null });
    });

    it('reports an appearing device, with the same identity when it comes back', async () => {
      await source.start(listener);
      const { device, sighting } = await addAndSee();
      expect(sighting.source).toBe(source.kind);
      await world.removeDevice(device);
      await vi.waitFor(() => expect(listener.losses.length).toBeGreaterThan(0), wait);
      const before = listener.sightings.length;
      await world.restoreDevice(device);
      await vi.waitFor(() => expect(listener.sightings.length).toBeGreaterThan(before), wait);
      expect(sightingIdentity(listener.sightings[before]!)).toBe(sightingIdentity(sighting));
    });

    it('reports a disappearing device as a Loss with a reason, at the endpoint it was seen on', async () => {
      await source.start(listener);
      const { device, sighting } = await addAndSee();
      await world.removeDevice(device);
      await vi.waitFor(() => expect(listener.losses).toHaveLength(1), wait);
      const loss = listener.losses[0]!;
      expect(loss.source).toBe(source.kind);
      expect(OfflineReasonSchema.options).toContain(loss.reason);
      if (sighting.kind === 'identified') {
        expect(loss.endpoint.transport).toBe(sighting.endpoint.transport);
        expect(endpointKey(loss.endpoint)).toBe(endpointKey(sighting.endpoint));
      }
    });

    it('resolves stop() (twice) and calls the listener no more, while a witness still sees the world change', async () => {
      await source.start(listener);
      const { device: first } = await addAndSee();
      await source.stop();
      expect(source.state().state).toBe('stopped');
      const callsAtStop = listener.calls;

      const witness = world.createSource();
      extraSources.push(witness);
      const seenByWitness = new RecordingListener();
      await witness.start(seenByWitness);
      await vi.waitFor(() => expect(seenByWitness.sightings.length).toBeGreaterThan(0), wait);
      await addAndSee(seenByWitness);
      await world.removeDevice(first);
      await vi.waitFor(() => expect(seenByWitness.losses.length).toBeGreaterThan(0), wait);

      expect(listener.calls).toBe(callsAtStop);
      await source.stop();
      expect(listener.calls).toBe(callsAtStop);
    });

    it('keeps running through garbage in its world, loses nothing, and still reports real devices', async () => {
      await source.start(listener);
      const { sighting } = await addAndSee();
      const beforeGarbage = listener.sightings.length;
      await world.injectGarbage();
      const { sighting: after } = await addAndSee();
      expect(sightingIdentity(after)).not.toBe(sightingIdentity(sighting));
      // Garbage produced no device of its own, and took none away.
      const since = listener.sightings.slice(beforeGarbage).map(sightingIdentity);
      expect(new Set(since)).toEqual(new Set([sightingIdentity(after)]));
      expect(listener.losses).toEqual([]);
      expect(source.state().state).toBe('running');
    });
  });
}

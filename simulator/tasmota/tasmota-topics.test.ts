import { describe, expect, it } from 'vitest';
import { tasmotaIdentity } from './tasmota-identity';
import type { TasmotaRuntime } from './tasmota-runtime';
import { defaultSettings } from './tasmota-settings';
import { commandPrefixes } from './tasmota-topics';

function runtimeWith(fullTopic: string): TasmotaRuntime {
  const identity = tasmotaIdentity(7, 0);
  const settings = defaultSettings(identity, { host: '127.0.0.1', port: 1883 });
  settings.fullTopic = fullTopic;
  return { identity, settings } as TasmotaRuntime;
}

// xdrv_02_9_mqtt.ino MqttConnected: the group topics and the fallback topic are subscribed only when the
// FullTopic contains %topic% (PROTOCOLS.md §2.1, corrected 2026-12-07).
describe('commandPrefixes', () => {
  it('subscribes the own, group and fallback topics with %topic% in the FullTopic', () => {
    const runtime = runtimeWith('%prefix%/%topic%/');
    expect(commandPrefixes(runtime).map((p) => p.source)).toEqual(['own', 'group', 'fallback']);
    expect(commandPrefixes(runtime).at(-1)?.prefix).toBe(`cmnd/${runtime.identity.fallbackTopic}/`);
  });

  it('subscribes only its own topic with a literal FullTopic', () => {
    expect(commandPrefixes(runtimeWith('nspanel/ns_panel1/%prefix%/'))).toEqual([
      { source: 'own', prefix: 'nspanel/ns_panel1/cmnd/' },
    ]);
  });
});

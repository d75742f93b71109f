import type { EventName } from '../shared/ipc/channels';
import { createAppCore, type AppCore } from '../electron/core/app-core';
import { silentLogger } from '../electron/core/logging/json-logger';

export type EventListener = (name: EventName, payload: unknown) => void;

/**
 * The app core as the headless host builds it (mDNS on, loopback only; outputs not re-validated, as in a
 * release build), with its events fanned out to `listeners`. Not started.
 */
export function benchAppCore(dataDir: string): { core: AppCore; listeners: Set<EventListener> } {
  const listeners = new Set<EventListener>();
  const core = createAppCore({
    dataDir,
    host: 'headless',
    version: 'bench',
    deliver: (name, payload) => listeners.forEach((l) => l(name, payload)),
    logger: silentLogger,
    mdns: { enabled: true, requireLoopbackOnly: true },
    validateOutputs: false,
  });
  return { core, listeners };
}

import { networkInterfaces } from 'node:os';
import type { Logger } from '../ports';
import type { SecretStore } from '../secrets/secret-store';
import type { SettingsRepository } from '../storage/repositories/settings-repository';
import type { MqttBrokerConfig } from '../transport/mqtt-session';
import { BrokerAnnouncer } from './broker-announcer';
import { BrokerService } from './broker-service';
import { BrokerSettings } from './broker-settings';

export interface BrokerModuleDeps {
  settings: Pick<SettingsRepository, 'read' | 'write'>;
  secrets: SecretStore;
  logger: Logger;
  mdns: { enabled: boolean; requireLoopbackOnly: boolean };
  /** Hands the MQTT sessions (discovery and the Tasmota driver) every broker to use. */
  setBrokers(configs: readonly MqttBrokerConfig[]): void;
}

export interface BrokerModule {
  service: BrokerService;
  /** The brokers of the settings; the built-in one joins them while it runs. */
  setSiteBrokers(configs: readonly MqttBrokerConfig[]): void;
}

/**
 * The built-in broker, wired so the app uses it like any site broker: while it runs, the MQTT discovery
 * source and the Tasmota driver's MQTT steps reach it under its own id, with the app's own login.
 */
export function createBrokerModule(deps: BrokerModuleDeps): BrokerModule {
  const service = new BrokerService({
    settings: new BrokerSettings({
      settings: deps.settings,
      secrets: deps.secrets,
      interfaces: networkInterfaces,
    }),
    announcer: deps.mdns.enabled
      ? new BrokerAnnouncer({ logger: deps.logger, requireLoopbackOnly: deps.mdns.requireLoopbackOnly })
      : null,
    logger: deps.logger,
  });
  let site: readonly MqttBrokerConfig[] = [];
  let own = service.clientConfig();
  const apply = () => deps.setBrokers(own === null ? site : [...site, own]);
  service.onChange(() => {
    const next = service.clientConfig();
    if (JSON.stringify(next) === JSON.stringify(own)) return;
    own = next;
    apply();
  });
  return {
    service,
    setSiteBrokers(configs) {
      site = configs;
      apply();
    },
  };
}

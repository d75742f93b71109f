import { render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { EMBEDDED_BROKER_ID } from '../../../../shared/domain/broker';
import { discoverySettingsLoaded, discoveryStatusReceived } from '../../stores/discovery-store';
import { discoverySettings, discoveryStatus } from '../../../../test-support/renderer/fixtures';
import { resetAll } from '../../../../test-support/renderer/reset-stores';
import { BrokersSection } from './brokers-section';
import { SourcesSection } from './sources-section';

afterEach(resetAll);

const running = {
  id: EMBEDDED_BROKER_ID,
  url: 'mqtt://127.0.0.1:1883',
  state: 'connected' as const,
  lastError: null,
  deviceCount: 0,
};

function show(withBuiltIn: boolean) {
  discoverySettingsLoaded(discoverySettings());
  discoveryStatusReceived(
    discoveryStatus({
      sources: [{ kind: 'mqtt', state: 'running', deviceCount: 0, lastError: null }],
      brokers: withBuiltIn ? [running] : [],
      offeredBrokers: [
        { name: 'Fieldbatch broker on vm', host: '127.0.0.1', port: 1883 },
        { name: 'Mosquitto on gateway', host: '192.168.1.2', port: 1883 },
      ],
    }),
  );
  render(
    <>
      <BrokersSection />
      <SourcesSection />
    </>,
  );
}

describe('the built-in broker among the MQTT brokers', () => {
  it('is listed as connected, its own announcement is named as itself, and the mqtt source counts it', () => {
    show(true);
    expect(screen.queryByText('No broker configured.')).toBeNull();
    const row = screen.getByRole('listitem', { name: 'Built-in site broker' });
    expect(row.textContent).toBe('Built-in site broker · connected · 127.0.0.1:1883 · 0 devices');
    expect(within(row).queryByRole('button')).toBeNull();
    expect(screen.getByText(/^Announced on this network:/).textContent).toBe(
      "Announced on this network: this app's built-in broker, Mosquitto on gateway (192.168.1.2:1883)",
    );
    const mqtt = screen
      .getByRole('table', { name: 'Discovery sources' })
      .querySelector('[data-source="mqtt"]');
    expect(mqtt?.textContent).toContain('0 · 1 broker connected');
  });

  it('without it, says no broker is configured and offers every announcement as a foreign broker', () => {
    show(false);
    expect(screen.getByText('No broker configured.')).toBeTruthy();
    expect(screen.queryByRole('listitem', { name: 'Built-in site broker' })).toBeNull();
    expect(screen.getByText(/^Announced on this network:/).textContent).toContain(
      'Fieldbatch broker on vm (127.0.0.1:1883)',
    );
    const mqtt = screen
      .getByRole('table', { name: 'Discovery sources' })
      .querySelector('[data-source="mqtt"]');
    expect(mqtt?.textContent).toContain('0 · 0 brokers connected');
  });
});

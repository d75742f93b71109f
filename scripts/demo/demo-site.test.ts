import { describe, expect, it } from 'vitest';
import { noBrokerHint } from './demo-site';

describe('the demo without a broker', () => {
  it('says mosquitto is missing and how to install it', () => {
    const missing = Object.assign(new Error('spawn mosquitto ENOENT'), { code: 'ENOENT' });
    expect(noBrokerHint(missing)).toBe(
      'mosquitto is not installed: install it (Debian/Ubuntu: sudo apt-get install mosquitto; macOS: brew install mosquitto) and run the demo again to get Tasmota devices over MQTT',
    );
  });

  it('passes on why an installed mosquitto did not start', () => {
    expect(noBrokerHint(new Error('port taken'))).toMatch(
      /^mosquitto did not start \(Error: port taken\): check that `mosquitto -h` runs and run the demo again/,
    );
  });
});

import { describe, expect, it } from 'vitest';
import { attemptUrls, otaAttempts } from './tasmota-upgrade';

// arendst/Tasmota support_tasmota.ino Every250mSeconds: counter = OTA_ATTEMPTS, decremented before each try.
describe('Tasmota OTA attempts', () => {
  it('OTA_ATTEMPTS is 10 on ESP8266 and 5 on ESP32 (tasmota.h)', () => {
    expect([otaAttempts('ESP8266'), otaAttempts('ESP32'), otaAttempts('ESP32-C3')]).toEqual([10, 5, 5]);
  });

  it('an ESP8266 tries the URL 5 times, then 4 times with .gz appended', () => {
    const u = 'http://h/tasmota.bin';
    expect(attemptUrls(u, 'ESP8266')).toEqual([u, u, u, u, u, `${u}.gz`, `${u}.gz`, `${u}.gz`, `${u}.gz`]);
  });

  it('an ESP8266 given a .gz URL gets one last try instead of the .gz round', () => {
    const u = 'http://h/tasmota.bin.GZ';
    expect(attemptUrls(u, 'ESP8266')).toEqual([u, u, u, u, u, u]);
  });

  it('an ESP32 tries the same URL 4 times', () => {
    expect(attemptUrls('http://h/t.bin', 'ESP32')).toEqual(Array(4).fill('http://h/t.bin'));
  });
});

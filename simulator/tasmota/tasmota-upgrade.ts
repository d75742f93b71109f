import type { DeviceCounters } from '../control/device-counters';
import type { DeviceFaults } from '../faults/device-faults';
import { downloadFirmware, type DownloadResult } from '../firmware/firmware-download';
import { checkTasmotaImage, type TasmotaImageOutcome } from '../firmware/tasmota-image-check';
import type { TasmotaIdentity } from './tasmota-identity';

export interface UpgradeHost {
  readonly identity: TasmotaIdentity;
  readonly faults: DeviceFaults;
  readonly counters: DeviceCounters;
  readonly build: string;
  /** Publishes `stat/<topic>/UPGRADE` (and logs it). */
  upgradeResult(text: string): void;
  /** Firmware to boot into after the restart. */
  setPending(version: string, build: string): void;
  scheduleRestart(reason: string): void;
  isStill(generation: number): boolean;
  readonly generation: number;
}

export interface UpgradeTiming {
  /** Give up one download after this long. */
  downloadTimeoutMs: number;
  /** Pause between two attempts (Tasmota: two turns of its 1 s OTA state tick, ~2 s). */
  retryMs: number;
}

/** arendst/Tasmota tasmota/include/tasmota.h: `OTA_ATTEMPTS` 10 on ESP8266, 5 on ESP32. */
export function otaAttempts(chip: string): number {
  return chip === 'ESP8266' ? 10 : 5;
}

/**
 * The URL of each attempt, as support_tasmota.ino `Every250mSeconds` (OTA state machine) builds it: the
 * counter starts at OTA_ATTEMPTS and is decremented before each attempt, so OTA_ATTEMPTS - 1 downloads are
 * tried. Once it is below OTA_ATTEMPTS / 2 an ESP8266 appends `.gz`; a URL that already holds `.gz` gets one
 * last try instead.
 */
export function attemptUrls(otaUrl: string, chip: string): string[] {
  const attempts = otaAttempts(chip);
  const urls: string[] = [];
  for (let counter = attempts - 1; counter > 0; counter -= 1) {
    if (chip !== 'ESP8266' || counter >= Math.floor(attempts / 2)) {
      urls.push(otaUrl);
    } else if (/\.gz/i.test(otaUrl)) {
      urls.push(otaUrl);
      break;
    } else {
      urls.push(`${otaUrl}.gz`);
    }
  }
  return urls;
}

/**
 * A failed download in the words of `ESPhttpUpdate.getLastErrorString()`: esp8266/Arduino
 * ESP8266httpUpdate.cpp + ESP8266HTTPClient `errorToString`; on ESP32 Tasmota's HTTPUpdateLight.cpp
 * (HTTPC_ERROR_CONNECTION_REFUSED is -1 there). A body cut short ends in Update's UPDATE_ERROR_STREAM.
 */
function downloadError(result: Exclude<DownloadResult, { ok: true }>, chip: string): string {
  switch (result.failure) {
    case 'http-status':
      if (result.httpStatus === 404) return 'File Not Found (404)';
      return result.httpStatus === 403 ? 'Forbidden (403)' : 'Wrong HTTP Code';
    case 'timeout':
      return 'HTTP error: read Timeout';
    case 'lost':
      return 'Update error: Stream Read Timeout';
    case 'too-large':
      return 'Not Enough space';
    default:
      return chip === 'ESP8266' ? 'HTTP error: connection failed' : 'HTTP error: connection refused';
  }
}

async function tryOnce(host: UpgradeHost, url: string, timeoutMs: number): Promise<TasmotaImageOutcome> {
  const { model } = host.identity;
  const result = await downloadFirmware(url, {
    timeoutMs,
    failAtFraction: host.faults.has('ota-download-error') ? 0.5 : undefined,
  });
  if (!result.ok) return { kind: 'refused', error: downloadError(result, model.chip) };
  // HTTPUpdate needs Content-Length: HTTP_UE_SERVER_NOT_REPORT_SIZE otherwise.
  if (!result.hasLength) return { kind: 'refused', error: 'Server Did Not Report Size' };
  const image = Buffer.from(result.data);
  if (host.faults.has('corrupt-download') && image.length > 0) image[image.length - 1] ^= 0xff;
  return checkTasmotaImage(image, { chip: model.chip, flashBytes: model.flashKb * 1024 });
}

const pause = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms).unref());

/**
 * `Upgrade 1` (§2.7 corrected): downloads OtaUrl over HTTP, retrying as the real OTA state machine does, then
 * `{"Upgrade":"Successful. Restarting"}` and a restart, or `{"Upgrade":"Failed <reason>"}` only after the last
 * attempt. The web server and MQTT stay up meanwhile. See ../firmware/README.md for what is checked.
 */
export async function runTasmotaUpgrade(
  host: UpgradeHost,
  otaUrl: string,
  timing: UpgradeTiming,
): Promise<void> {
  const { generation } = host;
  let lastError = '';
  const urls = attemptUrls(otaUrl, host.identity.model.chip);
  for (const [index, url] of urls.entries()) {
    if (index > 0) await pause(timing.retryMs);
    if (!host.isStill(generation)) return;
    const outcome = await tryOnce(host, url, timing.downloadTimeoutMs);
    if (!host.isStill(generation)) return;
    if (outcome.kind !== 'refused') {
      host.counters.flashes += 1;
      if (outcome.kind === 'rollback') host.counters.rollbacks += 1;
      if (outcome.kind === 'flash' && outcome.boot !== undefined) {
        host.setPending(outcome.boot.version, outcome.boot.build ?? host.build);
      }
      host.upgradeResult('Successful. Restarting');
      host.scheduleRestart('Upgrade');
      return;
    }
    lastError = outcome.error;
  }
  host.counters.otaFailures += 1;
  host.upgradeResult(`Failed ${lastError}`);
}

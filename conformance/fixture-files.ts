import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Reads the real-device captures under `fixtures/real-devices/` (their sources are in its SOURCES.md). Every
 * conformance test lists the files on disk, so a capture dropped into a folder is covered without a code change.
 */

export const FIXTURES = join(__dirname, '..', 'fixtures', 'real-devices');

export const fixturePath = (...parts: string[]): string => join(FIXTURES, ...parts);

/** Names in a fixture folder (sorted), optionally only those ending in `suffix`. */
export function listFixtures(folder: string, suffix = ''): string[] {
  return readdirSync(fixturePath(folder))
    .filter((name) => name.endsWith(suffix))
    .sort();
}

export const readFixtureText = (...parts: string[]): string => readFileSync(fixturePath(...parts), 'utf8');

export const readFixtureJson = <T = unknown>(...parts: string[]): T =>
  JSON.parse(readFixtureText(...parts)) as T;

export const hasFixture = (...parts: string[]): boolean => existsSync(fixturePath(...parts));

/** The lines of a console capture, without line endings or a trailing empty line. */
export function readFixtureLines(...parts: string[]): string[] {
  const lines = readFixtureText(...parts).split(/\r?\n/);
  return lines.at(-1) === '' ? lines.slice(0, -1) : lines;
}

/** One Shelly device folder: `<Method>.json` holds the RPC result, `<Method>.frame.json` a whole reply frame. */
export interface ShellyCapture {
  folder: string;
  /** `/shelly` (= `Shelly.GetDeviceInfo`), when captured. */
  deviceInfo: Record<string, unknown> | null;
  status: Record<string, unknown> | null;
  config: Record<string, unknown> | null;
  /** Whole JSON-RPC reply frames as captured, by method. */
  frames: Record<string, string>;
}

const RESULT_FILES = {
  deviceInfo: 'Shelly.GetDeviceInfo.json',
  status: 'Shelly.GetStatus.json',
  config: 'Shelly.GetConfig.json',
} as const;

export function shellyCaptures(): ShellyCapture[] {
  return listFixtures('shelly').map((folder) => {
    const read = (file: string) =>
      hasFixture('shelly', folder, file)
        ? readFixtureJson<Record<string, unknown>>('shelly', folder, file)
        : null;
    const frames: Record<string, string> = {};
    for (const file of listFixtures(`shelly/${folder}`, '.frame.json')) {
      frames[file.replace(/\.frame\.json$/, '')] = readFixtureText('shelly', folder, file);
    }
    return {
      folder,
      deviceInfo: read(RESULT_FILES.deviceInfo),
      status: read(RESULT_FILES.status),
      config: read(RESULT_FILES.config),
      frames,
    };
  });
}

/** One captured 401 (fixtures/real-devices/shelly-auth): an HTTP reply or a WebSocket error frame. */
export interface AuthCapture {
  transport: 'http' | 'ws';
  firmware: string;
  status?: number;
  headers?: Record<string, string>;
  body?: string;
  frame?: string;
  expected: { realm: string; nonce: string | number; stale: boolean; opaque?: string };
}

export const authCaptures = (): (readonly [string, AuthCapture])[] =>
  listFixtures('shelly-auth', '.json').map(
    (file) => [file, readFixtureJson<AuthCapture>('shelly-auth', file)] as const,
  );

import { MAX_FRIENDLY_NAMES } from '../tasmota-settings';
import { type Handler, error, intValue, onOff, switchValue, unknown, value } from './command-types';

const MAX_NAME = 32;

function setOptionIsNumeric(n: number): boolean {
  return n >= 32 && n <= 49;
}

/** `Timezone` accepts -13..+13, ±hh:mm and 99 (§2.4). */
function parseTimezone(data: string): string | 99 | undefined {
  const text = data.trim();
  if (text === '99') return 99;
  const whole = intValue(text);
  if (whole !== undefined) {
    if (whole < -13 || whole > 13) return undefined;
    return `${whole < 0 ? '-' : '+'}${String(Math.abs(whole)).padStart(2, '0')}:00`;
  }
  const match = /^([+-])?(\d{1,2}):(\d{2})$/.exec(text);
  if (match === null || Number(match[2]) > 13 || Number(match[3]) > 59) return undefined;
  return `${match[1] ?? '+'}${match[2].padStart(2, '0')}:${match[3]}`;
}

/** Settings commands that take effect at once (no restart). */
export const configCommands: Record<string, Handler> = {
  devicename: (rt, { data }) => {
    if (data !== '') {
      rt.settings.deviceName =
        data === '1' ? (rt.settings.friendlyNames[0] ?? 'Tasmota') : data.slice(0, MAX_NAME);
      rt.configWritten();
    }
    return value('DeviceName', rt.settings.deviceName);
  },
  friendlyname: (rt, { index = 1, data }) => {
    if (index < 1 || index > MAX_FRIENDLY_NAMES) return error();
    const names = rt.settings.friendlyNames;
    if (data !== '') {
      while (names.length < index) names.push(`Tasmota${names.length + 1}`);
      names[index - 1] =
        data === '1' ? (index === 1 ? 'Tasmota' : `Tasmota${index}`) : data.slice(0, MAX_NAME);
      rt.configWritten();
    }
    return value(`FriendlyName${index}`, names[index - 1] ?? '');
  },
  setoption: (rt, { index, data }) => {
    if (index === undefined || index > 160) return unknown();
    const key = `SetOption${index}`;
    const options = rt.settings.setOptions;
    if (data !== '') {
      if (setOptionIsNumeric(index)) {
        const n = intValue(data);
        if (n === undefined || n < 0 || n > 255) return error();
        options[index] = n;
      } else {
        const v = switchValue(data);
        if (v === undefined) return error();
        options[index] = v === 2 ? 1 - (options[index] ?? 0) : v;
      }
      rt.configWritten();
    }
    const current = options[index] ?? 0;
    return value(key, setOptionIsNumeric(index) ? current : onOff(current === 1));
  },
  timezone: (rt, { data }) => {
    if (data !== '') {
      const zone = parseTimezone(data);
      if (zone === undefined) return error();
      rt.settings.timezone = zone;
      rt.configWritten();
    }
    return value('Timezone', rt.settings.timezone);
  },
  teleperiod: (rt, { data }) => {
    if (data !== '') {
      const n = intValue(data);
      if (n === undefined) return error();
      // Firmware clamps: 1 = default 300, otherwise 0 (off) or 10..3600.
      rt.settings.telePeriod = n === 1 ? 300 : n === 0 ? 0 : Math.min(3600, Math.max(10, n));
      rt.configWritten();
    }
    return value('TelePeriod', rt.settings.telePeriod);
  },
  seriallog: (rt, { data }) => {
    const n = intValue(data);
    if (data !== '' && (n === undefined || n < 0 || n > 4)) return error();
    if (n !== undefined) rt.settings.serialLog = n;
    return value('SerialLog', rt.settings.serialLog);
  },
  weblog: (rt, { data }) => {
    const n = intValue(data);
    if (data !== '' && (n === undefined || n < 0 || n > 4)) return error();
    if (n !== undefined) rt.settings.webLog = n;
    return value('WebLog', rt.settings.webLog);
  },
  webpassword: (rt, { data }) => {
    if (data !== '') {
      rt.settings.webPassword = data === '0' ? '' : data;
      rt.configWritten();
    }
    return value('WebPassword', rt.settings.webPassword === '' ? '' : '****');
  },
  ntpserver: (rt, { index = 1, data }) => {
    if (index < 1 || index > 3) return error();
    if (data !== '') {
      rt.settings.ntpServers[index - 1] = data === '0' ? '' : data;
      rt.configWritten();
    }
    return value(`NtpServer${index}`, rt.settings.ntpServers[index - 1]);
  },
  power: (rt, { index, data }) => {
    const relays = rt.identity.model.relays;
    const i = index ?? 1;
    if (i < 1 || i > relays) return unknown();
    const bit = 1 << (i - 1);
    if (data !== '') {
      const v = switchValue(data);
      if (v === undefined) return error();
      const on = v === 2 ? (rt.settings.power & bit) === 0 : v === 1;
      rt.settings.power = on ? rt.settings.power | bit : rt.settings.power & ~bit;
    }
    const key = relays === 1 && index === undefined ? 'POWER' : `POWER${i}`;
    const state = onOff((rt.settings.power & bit) !== 0);
    // Besides RESULT, the plain-text POWER topic (unless SetOption90).
    const plain = rt.settings.setOptions[90] === 1 ? [] : [{ command: key, topic: key, payload: state }];
    return [...value(key, state), ...plain];
  },
};

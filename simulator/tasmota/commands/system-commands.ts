import { DEFAULT_OTA_URL, type TasmotaSettings } from '../tasmota-settings';
import { statusMain, statusSectionList, statusSections } from '../tasmota-status';
import { isNewerVersion } from '../tasmota-version';
import { type Handler, error, intValue, reply, value } from './command-types';

/**
 * `Status` family (support_command.ino CmndStatus / CmndStatusResponse): `Status0` (index 0; other indexes
 * are ignored) publishes every section merged as one `STATUS0`; `Status 0` publishes each section on its
 * own topic (`STATUS`, `STATUS1` … `STATUS11`); `Status` alone the `Status` section; `Status <n>` section n
 * on `STATUS<n>` (8 answers StatusSNS). Indexes the device has nothing for (6 without MQTT, 9, 12, 13 here)
 * and > 13 keep the default `{"Command":"Error"}`.
 */
const status: Handler = (rt, { data, index }) => {
  const payload = index === 0 ? 0 : data === '' ? -99 : intValue(data);
  if (payload === -99) return reply('Status', statusMain(rt), 'STATUS');
  if (payload === undefined || payload < 0) return error();
  if (payload === 0) {
    const sections = statusSectionList(rt);
    if (index === 0) return reply('Status', Object.assign({}, ...sections.map((s) => s.json)), 'STATUS0');
    return sections.map((s) => ({ command: 'Status', payload: s.json, topic: s.topic }));
  }
  const section = statusSections(rt)[payload === 8 ? 10 : payload];
  return section === undefined ? error() : reply('Status', section, `STATUS${payload}`);
};

/** Settings that apply after a restart (§2.4): reply with the new value, then restart. */
function restartSetting(
  key: string,
  read: (s: TasmotaSettings) => string | number,
  write: (s: TasmotaSettings, data: string) => boolean,
  options: { ignoredFromGroup?: boolean; secret?: boolean } = {},
): Handler {
  return (rt, { data, source }) => {
    if (options.ignoredFromGroup && source === 'group') return [];
    if (data !== '') {
      if (!write(rt.settings, data)) return error();
      rt.configWritten();
      rt.scheduleRestart(key);
    }
    const current = read(rt.settings);
    return value(key, options.secret && current !== '' ? '****' : current);
  };
}

const text =
  (max: number) =>
  (data: string): string | undefined =>
    data.length <= max ? data : undefined;

export const systemCommands: Record<string, Handler> = {
  status,
  otaurl: (rt, { data }) => {
    if (data !== '') rt.settings.otaUrl = data === '1' ? DEFAULT_OTA_URL : data;
    if (data !== '') rt.configWritten();
    return value('OtaUrl', rt.settings.otaUrl);
  },
  upgrade: (rt, { data }) => {
    const wanted = data.trim();
    const hint = value('Upgrade', `1 or >${rt.swVersion} to upgrade`);
    if (wanted === '' || (wanted !== '1' && !isNewerVersion(wanted, rt.swVersion))) return hint;
    if (!rt.startUpgrade(rt.settings.otaUrl)) return error();
    return value('Upgrade', `Version ${rt.swVersion} from ${rt.settings.otaUrl}`);
  },
  restart: (rt, { data }) => {
    const n = intValue(data);
    if (n !== 1 && n !== 99) return value('Restart', '1 to restart');
    rt.scheduleRestart('Restart');
    return value('Restart', 'Restarting');
  },
  reset: (rt, { data }) => {
    const n = intValue(data);
    if (n === 99) {
      rt.settings.bootCount = 0;
      return value('Reset', 'Done');
    }
    if (n === undefined || n < 1 || n > 6) return value('Reset', '1 to reset');
    rt.factoryReset(n);
    return value('Reset', n === 1 ? 'Reset and Restarting' : 'Erase, Reset and Restarting');
  },
  mqtthost: restartSetting(
    'MqttHost',
    (s) => s.mqttHost,
    (s, d) => ((s.mqttHost = d === '0' ? '' : d), true),
  ),
  mqttport: restartSetting(
    'MqttPort',
    (s) => s.mqttPort,
    (s, d) => {
      const n = intValue(d);
      if (n === undefined || n < 1 || n > 65_535) return false;
      s.mqttPort = n;
      return true;
    },
  ),
  mqttuser: restartSetting(
    'MqttUser',
    (s) => s.mqttUser,
    (s, d) => ((s.mqttUser = d === '0' ? '' : d), true),
  ),
  mqttpassword: restartSetting(
    'MqttPassword',
    (s) => s.mqttPassword,
    (s, d) => ((s.mqttPassword = d === '0' ? '' : d), true),
    { secret: true },
  ),
  mqttclient: restartSetting(
    'MqttClient',
    (s) => s.mqttClient,
    (s, d) => ((s.mqttClient = d === '1' ? 'DVES_%06X' : d), true),
    { ignoredFromGroup: true },
  ),
  hostname: restartSetting(
    'Hostname',
    (s) => s.hostname,
    (s, d) => {
      const name = text(32)(d);
      if (name === undefined || !/^[A-Za-z0-9-]+$/.test(name)) return false;
      s.hostname = name;
      return true;
    },
    { ignoredFromGroup: true },
  ),
};

/** Topic, FullTopic, GroupTopic<n>, Prefix<n>: they need the device for defaults, so they live here. */
export const topicCommands: Record<string, Handler> = {
  topic: (rt, command) =>
    restartSetting(
      'Topic',
      (s) => s.topic,
      (s, d) => {
        if (d.includes('/') || d.includes('+') || d.includes('#') || d.length > 32) return false;
        s.topic = d === '1' ? rt.identity.topic : d;
        return true;
      },
      { ignoredFromGroup: true },
    )(rt, command),
  fulltopic: restartSetting(
    'FullTopic',
    (s) => s.fullTopic,
    (s, d) => {
      if (d.length > 100 || d.includes('+') || d.includes('#')) return false;
      s.fullTopic = d === '1' ? '%prefix%/%topic%/' : d.endsWith('/') ? d : `${d}/`;
      return true;
    },
  ),
  grouptopic: (rt, command) => {
    const i = command.index ?? 1;
    if (i < 1 || i > 4) return error();
    return restartSetting(
      `GroupTopic${i}`,
      (s) => s.groupTopics[i - 1],
      (s, d) => {
        s.groupTopics[i - 1] = d === '1' ? (i === 1 ? 'tasmotas' : '') : d === '0' ? '' : d;
        return true;
      },
    )(rt, command);
  },
  prefix: (rt, command) => {
    const i = command.index ?? 1;
    if (i < 1 || i > 3) return error();
    const defaults = ['cmnd', 'stat', 'tele'];
    return restartSetting(
      `Prefix${i}`,
      (s) => s.prefixes[i - 1],
      (s, d) => {
        s.prefixes[i - 1] = d === '1' ? defaults[i - 1] : d;
        return true;
      },
    )(rt, command);
  },
};

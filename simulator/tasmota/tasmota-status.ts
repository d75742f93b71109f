import { colonMac } from './tasmota-identity';
import { clientIdOf } from './tasmota-settings';
import {
  localIso,
  type TasmotaRuntime,
  timezoneMinutes,
  uptimeString,
  versionString,
} from './tasmota-runtime';

type Json = Record<string, unknown>;

const hexWord = (n: number): string => n.toString(16).toUpperCase().padStart(8, '0');

function powerState(runtime: TasmotaRuntime): Json {
  const { relays } = runtime.identity.model;
  const state: Json = {};
  for (let i = 0; i < relays; i += 1) {
    const on = ((runtime.settings.power >> i) & 1) === 1 ? 'ON' : 'OFF';
    state[relays === 1 ? 'POWER' : `POWER${i + 1}`] = on;
  }
  return state;
}

/** `tele/<topic>/STATE` and `StatusSTS`. */
export function stateSection(runtime: TasmotaRuntime, now = new Date()): Json {
  const uptime = runtime.uptimeSeconds();
  return {
    Time: localIso(now, runtime.settings.timezone),
    Uptime: uptimeString(uptime),
    UptimeSec: uptime,
    Heap: 25,
    SleepMode: 'Dynamic',
    Sleep: 50,
    LoadAvg: 19,
    MqttCount: runtime.mqttCount,
    ...powerState(runtime),
    Wifi: {
      AP: 1,
      SSId: 'fieldbatch-sim',
      BSSId: '02:00:00:00:00:01',
      Channel: 6,
      Mode: '11n',
      RSSI: 76,
      Signal: -62,
      LinkCount: 1,
      Downtime: '0T00:00:03',
    },
  };
}

function timezoneText(timezone: string | 99): string | number {
  return timezone === 99 ? 99 : timezone;
}

/** Every `Status <n>` section by number (§2.3); `Status 0` merges them all. */
export function statusSections(runtime: TasmotaRuntime, now = new Date()): Record<number, Json> {
  const { settings, identity } = runtime;
  const { model } = identity;
  const local = localIso(now, settings.timezone);
  const sections: Record<number, Json> = {
    1: {
      StatusPRM: {
        Baudrate: 115200,
        SerialConfig: '8N1',
        GroupTopic: settings.groupTopics[0],
        OtaUrl: settings.otaUrl,
        RestartReason: runtime.restartReason,
        Uptime: uptimeString(runtime.uptimeSeconds()),
        StartupUTC: runtime.bootedAt.toISOString().slice(0, 19),
        Sleep: 50,
        CfgHolder: 4617,
        BootCount: settings.bootCount,
        BCResetTime: '2025-01-20T10:11:12',
        SaveCount: settings.saveCount,
        ...(model.chip === 'ESP8266' ? { SaveAddress: 'F9000' } : {}),
      },
    },
    2: {
      StatusFWR: {
        Version: versionString(runtime),
        BuildDateTime: '2025-01-20T10:11:12',
        ...(model.chip === 'ESP8266' ? { Boot: 31 } : {}),
        Core: model.core,
        SDK: model.sdk,
        CpuFrequency: model.cpuMhz,
        Hardware: model.hardware,
        CR: '412/699',
      },
    },
    3: {
      StatusLOG: {
        SerialLog: settings.serialLog,
        WebLog: settings.webLog,
        MqttLog: 0,
        SysLog: 0,
        LogHost: '',
        LogPort: 514,
        SSId: ['fieldbatch-sim', ''],
        TelePeriod: settings.telePeriod,
        Resolution: '558180C0',
        SetOption: [0, 1, 2, 3, 4, 5].map((word) => hexWord(setOptionWord(settings.setOptions, word))),
      },
    },
    4: {
      StatusMEM: {
        ProgramSize: model.programKb,
        Free: model.flashKb - model.programKb - 16,
        Heap: 25,
        ProgramFlashSize: model.flashKb,
        FlashSize: model.flashKb,
        FlashChipId: '1540A1',
        FlashFrequency: 40,
        FlashMode: 'DOUT',
        Features: [
          '00000809',
          '8F9AC787',
          '04368001',
          '000000CF',
          '010013C0',
          'C000F981',
          '00004004',
          '00001000',
          '00000020',
        ],
        Drivers: '1,2,3,4,5,6,7,8,9,10,12,16,18,19,20,21,22,24,26,27,29,30,35,37,45,62',
        Sensors: '1,2,3,4,5,6',
      },
    },
    5: {
      StatusNET: {
        Hostname: settings.hostname,
        IPAddress: '127.0.0.1',
        Gateway: '127.0.0.1',
        Subnetmask: '255.0.0.0',
        DNSServer1: '127.0.0.1',
        DNSServer2: '0.0.0.0',
        Mac: colonMac(identity.mac),
        Webserver: 2,
        HTTP_API: 1,
        WifiConfig: 4,
        WifiPower: 17,
      },
    },
    7: {
      StatusTIM: {
        UTC: now.toISOString().slice(0, 19),
        Local: local,
        StartDST: '2025-03-30T02:00:00',
        EndDST: '2025-10-26T03:00:00',
        Timezone: timezoneText(settings.timezone),
        Sunrise: '07:44',
        Sunset: '16:44',
      },
    },
    10: { StatusSNS: { Time: local } },
    11: { StatusSTS: stateSection(runtime, now) },
  };
  if (runtime.mqttConnected || settings.mqttHost !== '') {
    sections[6] = {
      StatusMQT: {
        MqttHost: settings.mqttHost,
        MqttPort: settings.mqttPort,
        MqttClientMask: settings.mqttClient,
        MqttClient: clientIdOf(settings, identity),
        MqttUser: settings.mqttUser,
        MqttCount: runtime.mqttCount,
        MAX_PACKET_SIZE: 1200,
        KEEPALIVE: 30,
        SOCKET_TIMEOUT: 4,
      },
    };
  }
  return sections;
}

function setOptionWord(options: Record<number, number>, word: number): number {
  const base = [0, 50, 82, 114, 146, 178][word];
  let value = 0;
  for (let bit = 0; bit < 32; bit += 1) if ((options[base + bit] ?? 0) !== 0) value |= 1 << bit;
  return value >>> 0;
}

function powerDigits(power: number, relays: number): string {
  return (power >>> 0).toString(2).padStart(relays, '0').slice(-Math.max(relays, 1));
}

/** The plain `Status` section (`Status` without a number). */
export function statusMain(runtime: TasmotaRuntime): Json {
  const { settings, identity } = runtime;
  const { model } = identity;
  return {
    Status: {
      Module: identity.model.moduleId,
      DeviceName: settings.deviceName,
      FriendlyName: [...settings.friendlyNames],
      Topic: settings.topic,
      ButtonTopic: '0',
      // "%*_b": one binary digit per relay, highest relay first, since 14.x (support_command.ino CmndStatus).
      Power: powerDigits(settings.power, model.relays),
      PowerLock: powerDigits(0, model.relays),
      PowerOnState: settings.powerOnState,
      LedState: 1,
      LedMask: 'FFFF',
      SaveData: 1,
      SaveState: 1,
      SwitchTopic: '0',
      SwitchMode: [0, 0, 0, 0, 0, 0, 0, 0],
      ButtonRetain: 0,
      SwitchRetain: 0,
      SensorRetain: 0,
      PowerRetain: 0,
      InfoRetain: 0,
      StateRetain: 0,
      StatusRetain: 0,
    },
  };
}

/** Every section `Status 0` sends, in the firmware's order, each with the topic level it goes out on. */
export function statusSectionList(runtime: TasmotaRuntime): Array<{ topic: string; json: Json }> {
  const sections = statusSections(runtime);
  const numbered = [1, 2, 3, 4, 5, 6, 7, 10, 11].flatMap((n) =>
    sections[n] === undefined ? [] : [{ topic: `STATUS${n}`, json: sections[n] }],
  );
  return [{ topic: 'STATUS', json: statusMain(runtime) }, ...numbered];
}

export { timezoneMinutes };

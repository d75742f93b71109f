/**
 * Test data shaped like real Tasmota 14.x output (PROTOCOLS.md §2.2, §2.3), for unit tests and for tests
 * that play a device on a broker or a PTY without the simulator. Not used by production code.
 */

/** `tasmota/discovery/<MAC>/config` payload for a device with the given MAC (12 upper-case hex). */
export function discoveryConfigFixture(
  mac = 'A4CF12B3C4D5',
  overrides: Record<string, unknown> = {},
): Record<string, unknown> {
  const suffix = mac.slice(-6);
  return {
    ip: '198.51.100.50',
    dn: 'Hall Plug',
    fn: ['Hall Plug', null, null, null, null, null, null, null],
    hn: `hall-plug-${suffix.slice(-4)}`,
    mac,
    md: 'Sonoff Basic',
    ty: 0,
    if: 0,
    ofln: 'Offline',
    onln: 'Online',
    state: ['OFF', 'ON', 'TOGGLE', 'HOLD'],
    sw: '14.2.0',
    t: `tasmota_${suffix}`,
    ft: '%prefix%/%topic%/',
    tp: ['cmnd', 'stat', 'tele'],
    rl: [1, 0, 0, 0, 0, 0, 0, 0],
    swc: [-1, -1, -1, -1, -1, -1, -1, -1],
    swn: [null, null, null, null, null, null, null, null],
    btn: [0, 0, 0, 0, 0, 0, 0, 0],
    so: {
      '4': 0,
      '11': 0,
      '13': 0,
      '17': 0,
      '20': 0,
      '30': 0,
      '68': 0,
      '73': 0,
      '82': 0,
      '114': 0,
      '117': 0,
    },
    lk: 0,
    lt_st: 0,
    bat: 0,
    dslp: 0,
    sho: [],
    sht: [],
    ver: 1,
    ...overrides,
  };
}

/** The merged `Status 0` object for a device with the given MAC (colon form). */
export function status0Fixture(
  mac = 'A4:CF:12:B3:C4:D5',
  overrides: Record<string, unknown> = {},
): Record<string, unknown> {
  const suffix = mac.replace(/:/g, '').slice(-6);
  return {
    Status: {
      Module: 1,
      DeviceName: 'Hall Plug',
      FriendlyName: ['Hall Plug'],
      Topic: `tasmota_${suffix}`,
      ButtonTopic: '0',
      Power: '0',
      PowerOnState: 3,
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
    },
    StatusPRM: {
      Baudrate: 115200,
      SerialConfig: '8N1',
      GroupTopic: 'tasmotas',
      OtaUrl: 'http://ota.tasmota.com/tasmota/release/tasmota.bin.gz',
      RestartReason: 'Power On',
      Uptime: '0T01:02:03',
      StartupUTC: '2025-01-20T09:00:00',
      Sleep: 50,
      CfgHolder: 4617,
      BootCount: 7,
      BCResetTime: '2025-01-20T10:11:12',
      SaveCount: 27,
      SaveAddress: 'F9000',
    },
    StatusFWR: {
      Version: '14.2.0(release-tasmota)',
      BuildDateTime: '2025-01-20T10:11:12',
      Boot: 31,
      Core: '2_7_8',
      SDK: '2.2.2-dev(38a443e)',
      CpuFrequency: 80,
      Hardware: 'ESP8266EX',
      CR: '412/699',
    },
    StatusLOG: {
      SerialLog: 2,
      WebLog: 2,
      MqttLog: 0,
      SysLog: 0,
      LogHost: '',
      LogPort: 514,
      SSId: ['site', ''],
      TelePeriod: 300,
      Resolution: '558180C0',
      SetOption: [
        '00008009',
        '2805C80001000600003C5A0A192800000000',
        '00000080',
        '00006000',
        '00004000',
        '00000000',
      ],
    },
    StatusMEM: {
      ProgramSize: 629,
      Free: 372,
      Heap: 25,
      ProgramFlashSize: 1024,
      FlashSize: 4096,
      FlashChipId: '1640EF',
      FlashFrequency: 40,
      FlashMode: 'DOUT',
      Features: ['00000809', '8F9AC787', '04368001'],
      Drivers: '1,2,3,4,5,6,7,8,9,10,12,16,18,19,20,21,22,24,26,27,29,30,35,37,45,62',
      Sensors: '1,2,3,4,5,6',
    },
    StatusNET: {
      Hostname: `hall-plug-${suffix.slice(-4)}`,
      IPAddress: '198.51.100.50',
      Gateway: '198.51.100.1',
      Subnetmask: '255.255.255.0',
      DNSServer1: '198.51.100.1',
      DNSServer2: '0.0.0.0',
      Mac: mac,
      Webserver: 2,
      HTTP_API: 1,
      WifiConfig: 4,
      WifiPower: 17,
    },
    StatusTIM: {
      UTC: '2025-01-20T10:02:03',
      Local: '2025-01-20T11:02:03',
      StartDST: '2025-03-30T02:00:00',
      EndDST: '2025-10-26T03:00:00',
      Timezone: '+01:00',
      Sunrise: '07:44',
      Sunset: '16:44',
    },
    StatusSNS: { Time: '2025-01-20T11:02:03' },
    StatusSTS: {
      Time: '2025-01-20T11:02:03',
      Uptime: '0T01:02:03',
      UptimeSec: 3723,
      Heap: 25,
      SleepMode: 'Dynamic',
      Sleep: 50,
      LoadAvg: 19,
      MqttCount: 1,
      POWER: 'OFF',
    },
    ...overrides,
  };
}

/** A console line as the firmware prints it (`HH:MM:SS.mmm TAG: text`), without the line ending. */
export function consoleLineFixture(tag: string, text: string, time = '12:00:01.240'): string {
  return `${time} ${tag}: ${text}`;
}

const SECTION_LEVELS: Readonly<Record<string, string>> = {
  Status: 'STATUS',
  StatusPRM: 'STATUS1',
  StatusFWR: 'STATUS2',
  StatusLOG: 'STATUS3',
  StatusMEM: 'STATUS4',
  StatusNET: 'STATUS5',
  StatusMQT: 'STATUS6',
  StatusTIM: 'STATUS7',
  StatusSNS: 'STATUS10',
  StatusSTS: 'STATUS11',
};

/**
 * The messages `Status 0` sends for a merged status object, one per section in the object's order:
 * `[['STATUS', {Status}], ['STATUS1', {StatusPRM}], …]` (support_command.ino CmndStatusResponse).
 */
export function statusSectionFixtures(status0: Record<string, unknown>): [string, Record<string, unknown>][] {
  return Object.entries(status0).flatMap(([key, value]): [string, Record<string, unknown>][] => {
    const level = SECTION_LEVELS[key];
    return level === undefined ? [] : [[level, { [key]: value }]];
  });
}

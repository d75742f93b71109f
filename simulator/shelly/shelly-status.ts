import type { ShellyState } from './shelly-state';

type Json = Record<string, unknown>;

/** Local "HH:MM" in the device's configured time zone. */
function localTime(date: Date, timeZone: string): string {
  try {
    return new Intl.DateTimeFormat('en-GB', {
      timeZone,
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    }).format(date);
  } catch {
    return date.toISOString().slice(11, 16);
  }
}

/** `Sys.GetStatus` (PROTOCOLS.md §1.4). */
export function sysStatus(state: ShellyState, now = new Date()): Json {
  const { model } = state.identity;
  return {
    mac: state.identity.mac,
    restart_required: state.restartRequired,
    time: localTime(now, state.timeZone),
    unixtime: Math.floor(now.getTime() / 1000),
    uptime: state.uptimeSeconds(),
    ram_size: model.ramSize,
    ram_free: state.ramFree,
    ram_min_free: Math.round(state.ramFree * 0.8),
    fs_size: model.fsSize,
    fs_free: state.fsFree,
    cfg_rev: state.cfgRev,
    kvs_rev: state.kvsRev,
    schedule_rev: state.scheduleRev,
    webhook_rev: state.webhookRev,
    available_updates: structuredClone(state.availableUpdates),
    reset_reason: state.resetReason,
  };
}

/** `Switch.GetStatus` for one switch. */
export function switchStatus(state: ShellyState, id: number): Json {
  const output = state.switchOutputs[id] ?? false;
  const temperature = { tC: 41.2, tF: 106.2 };
  if (!state.identity.model.hasMetering) return { id, source: 'init', output, temperature };
  return {
    id,
    source: 'init',
    output,
    apower: 0,
    voltage: 230.4,
    freq: 50,
    current: 0,
    pf: 0,
    aenergy: { total: 0, by_minute: [0, 0, 0], minute_ts: Math.floor(Date.now() / 60_000) * 60 },
    temperature,
  };
}

/** `Shelly.GetStatus`: every component's status keyed by component key. */
export function shellyStatus(state: ShellyState): Json {
  const status: Json = {
    ble: {},
    cloud: { connected: false },
    mqtt: { connected: false },
    sys: sysStatus(state),
    wifi: { sta_ip: '127.0.0.1', status: 'got ip', ssid: 'fieldbatch-sim', rssi: -58 },
    ws: { connected: false },
  };
  state.switchOutputs.forEach((_, id) => {
    status[`input:${id}`] = { id, state: null };
    status[`switch:${id}`] = switchStatus(state, id);
  });
  return status;
}

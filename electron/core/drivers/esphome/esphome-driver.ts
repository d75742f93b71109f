import { connect } from 'node:net';
import type { JobStep } from '../../../../shared/domain/job';
import { deviceIdFromMac, normalizeMac } from '../../discovery/device-identity';
import type {
  AnnouncedService,
  DeviceDriver,
  DeviceEndpoint,
  DeviceState,
  DeviceTarget,
  DriverContext,
  IdentifiedDevice,
  StepResult,
} from '../device-driver';
import { DeviceError } from '../../device-error';
import { esphomeChip } from './esphome-chip';

/**
 * ESPHome nodes, identified from their `_esphomelib._tcp` announcement (PROTOCOLS.md §3.1: TXT mac, version,
 * platform, board, friendly_name) after checking that the native API port accepts a connection. Every
 * announcement is taken up, so one without `mac` is reported as not identified (with the reason) instead of
 * vanishing. No actions yet: OTA and the native API are a later roadmap item, so the planner refuses every step.
 */
export class EsphomeDriver implements DeviceDriver {
  readonly family = 'esphome' as const;
  readonly capabilities = [] as const;
  readonly mdnsServiceTypes = ['esphomelib'] as const;

  recognizes(service: AnnouncedService): boolean {
    return service.type === 'esphomelib';
  }

  endpointFor(service: AnnouncedService): DeviceEndpoint {
    return { transport: 'esphome-api', host: service.host, port: service.port };
  }

  async identify(
    endpoint: DeviceEndpoint,
    ctx: DriverContext,
    service?: AnnouncedService,
  ): Promise<IdentifiedDevice> {
    if (endpoint.transport !== 'esphome-api' || !service) {
      throw new DeviceError('unsupported', 'ESPHome devices are identified from their mDNS announcement');
    }
    // The identity is the TXT `mac` (12 lowercase hex, mdns_component.cpp get_mac_address_into_buffer).
    const mac = normalizeMac(service.txt.mac ?? '');
    if (!mac) {
      const said = service.txt.mac === undefined ? 'no mac' : `mac ${JSON.stringify(service.txt.mac)}`;
      throw new DeviceError(
        'bad-reply',
        `ESPHome node ${service.name} not identified: its announcement has ${said} in its TXT, so it cannot be told apart`,
      );
    }
    await assertListening(endpoint.host, endpoint.port, ctx.signal);
    return {
      id: deviceIdFromMac(mac),
      family: this.family,
      name: service.txt.friendly_name || service.name,
      model: service.txt.board || service.txt.platform || 'ESPHome',
      product: service.txt.platform ?? null,
      generation: null,
      firmware: service.txt.version ?? 'unknown',
      mac,
      chip: esphomeChip(service.txt),
      raw: { name: service.name, txt: service.txt },
    };
  }

  async readState(_target: DeviceTarget, _ctx: DriverContext): Promise<DeviceState> {
    throw new DeviceError('unsupported', 'ESPHome state needs the native API, not supported yet');
  }

  async runStep(step: JobStep, _target: DeviceTarget, _ctx: DriverContext): Promise<StepResult> {
    throw new DeviceError('unsupported', `ESPHome devices cannot ${step.action} yet`);
  }
}

function assertListening(host: string, port: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host, port });
    const fail = (error: Error) => {
      socket.destroy();
      reject(
        error instanceof DeviceError
          ? error
          : new DeviceError('unreachable', `${host}:${port}: ${error.message}`),
      );
    };
    const onAbort = () =>
      fail(new DeviceError('timeout', `${host}:${port} did not accept a connection in time`));
    signal.addEventListener('abort', onAbort, { once: true });
    socket.once('connect', () => {
      signal.removeEventListener('abort', onAbort);
      socket.end();
      resolve();
    });
    socket.once('error', (error) => {
      signal.removeEventListener('abort', onAbort);
      fail(error);
    });
  });
}

import type { JobStep } from '../../../../shared/domain/job';
import type { HttpClient } from '../../transport/http-client';
import type {
  AnnouncedService,
  DeviceDriver,
  DeviceEndpoint,
  DeviceState,
  DeviceTarget,
  DriverContext,
  HttpEndpoint,
  IdentifiedDevice,
  StepResult,
} from '../device-driver';
import { DeviceError } from '../device-error';
import { parseStatus0 } from './tasmota-protocol';

/**
 * Tasmota (PROTOCOLS.md §2). Identity comes from the device's own words: its MQTT discovery message (MQTT
 * source), `Status 0` on the serial console (serial source) or `Status 0` over HTTP `/cm` (here, for manual
 * adds, range scans and liveness checks).
 */
export class TasmotaDriver implements DeviceDriver {
  readonly family = 'tasmota' as const;
  readonly capabilities = [] as const;
  /** Tasmota announces only `_http._tcp` (when its mDNS option is on), named after its host name. */
  readonly mdnsServiceTypes = ['http'] as const;

  constructor(private readonly http: HttpClient) {}

  recognizes(service: AnnouncedService): boolean {
    return /^tasmota[-_]/i.test(service.name);
  }

  endpointFor(service: AnnouncedService): HttpEndpoint {
    return { transport: 'http', host: service.host, port: service.port };
  }

  async identify(endpoint: DeviceEndpoint, ctx: DriverContext): Promise<IdentifiedDevice> {
    if (endpoint.transport !== 'http') {
      throw new DeviceError(
        'unsupported',
        `Tasmota identify over ${endpoint.transport} comes from its discovery source`,
      );
    }
    const host = endpoint.host.includes(':') ? `[${endpoint.host}]` : endpoint.host;
    const reply = await this.http.request({
      method: 'GET',
      url: `http://${host}:${endpoint.port}/cm?cmnd=${encodeURIComponent('Status 0')}`,
      signal: ctx.signal,
    });
    if (reply.status !== 200) throw new DeviceError('device-error', `GET /cm: HTTP ${reply.status}`);
    const status = parseStatus0(reply.text);
    if (!status.ok) throw status.error;
    return status.value.device;
  }

  async readState(target: DeviceTarget, ctx: DriverContext): Promise<DeviceState> {
    const http = target.endpoints.find((e) => e.transport === 'http');
    if (!http) throw new DeviceError('unsupported', 'no HTTP endpoint known for this device');
    const device = await this.identify(http, ctx);
    return { firmware: device.firmware, uptimeSeconds: null, raw: device.raw };
  }

  async runStep(step: JobStep, _target: DeviceTarget, _ctx: DriverContext): Promise<StepResult> {
    throw new DeviceError('unsupported', `Tasmota devices cannot ${step.action} yet`);
  }
}

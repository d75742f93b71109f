export { startSimulation, type Simulation, type SimulationOptions, type SimulatedDevice } from './simulation';
export { startShellyFleet } from './shelly/shelly-fleet';
export { SHELLY_MODELS, type ShellyModel } from './shelly/shelly-models';
export type {
  ShellyAuthOptions,
  ShellyCounters,
  ShellyFault,
  ShellyFleet,
  ShellyFleetOptions,
  SimulatedShelly,
} from './shelly/shelly-types';
export type { UpdateChannels, UpdateOffer } from './shelly/rpc/shelly-rpc-device';
export { shellyHa1 } from './shelly/auth/digest';
export type { AuthStyle } from './shelly/auth/shelly-auth';
export type { NonceRules } from './shelly/auth/nonce-book';
export { startTasmotaFleet } from './tasmota/tasmota-fleet';
export type { SimulatedTasmota, TasmotaFleet, TasmotaFleetOptions } from './tasmota/tasmota-types';
export type { Fault, FaultInput, FaultKind } from './faults/fault-types';
export { parseFaultSpec, FaultSpecError, type FaultRule } from './faults/fault-grammar';
export type { DeviceCounters } from './control/device-counters';
export type { DeviceSnapshot } from './control/device-snapshot';
export { parseDeviceFaults } from './control/control-server';
export { startFirmwareServer, type FirmwareServer } from './firmware/firmware-server';
export { buildEspImage, gzipImage, type EspChip, type EspImageOptions } from './firmware/esp-image';
export { EspImageError } from './firmware/esp-image-builder';
export { buildShellyFirmwareZip, type ShellyZipOptions, type ShellyZipTamper } from './firmware/shelly-zip';

export { startShellyFleet } from './shelly/shelly-fleet';
export type { ShellyFault, ShellyFleet, ShellyFleetOptions, SimulatedShelly } from './shelly/shelly-types';

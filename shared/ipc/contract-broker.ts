import { z } from 'zod';
import { BrokerStartSchema, EmbeddedBrokerStatusSchema } from '../domain/broker';

/** The built-in MQTT broker (spread into `commands` in contract.ts). */
export const brokerCommands = {
  /** State, address, port, devices connected, announced or not; never the password. */
  'broker.getStatus': { input: z.object({}).strict(), output: EmbeddedBrokerStatusSchema },
  /**
   * (Re)starts on the interface address; without a port: the last one (first time 1883), or a free one when
   * it is taken (the status says so). A taken explicit port is CONFLICT, an address not of this computer INVALID_INPUT, in plain words.
   */
  'broker.start': { input: BrokerStartSchema, output: EmbeddedBrokerStatusSchema },
  /** Stops it (clients dropped, port freed, announcement withdrawn); it no longer starts with the app. */
  'broker.stop': { input: z.object({}).strict(), output: EmbeddedBrokerStatusSchema },
} as const;

import { z } from 'zod';
import { ResultEnvelopeSchema } from './result';

/**
 * Frames of the headless host's WebSocket, which carries the same contract as Electron IPC.
 * Renderer → host: `invoke`. Host → renderer: `result` (to one invoke) and `event` (broadcast).
 */
export const ClientFrameSchema = z.object({
  type: z.literal('invoke'),
  id: z.number().int().nonnegative(),
  name: z.string().max(100),
  input: z.unknown(),
});
export type ClientFrame = z.infer<typeof ClientFrameSchema>;

export const ServerFrameSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('result'), id: z.number().int().nonnegative(), result: ResultEnvelopeSchema }),
  z.object({ type: z.literal('event'), name: z.string(), payload: z.unknown() }),
]);
export type ServerFrame = z.infer<typeof ServerFrameSchema>;

/** Close code the host uses when a socket breaks the framing rules. */
export const WS_CLOSE_PROTOCOL_ERROR = 4400;

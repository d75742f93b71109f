import { commands } from './contract';
import { fail, type Result } from './result';

/** Most bytes one UTF-16 code unit can take in JSON text: a control character or lone surrogate is `\uXXXX`. */
const JSON_BYTES_PER_CHAR = 6;
/** Room for the frame's own fields, the command name and the small fields beside the large one. */
const ENVELOPE_BYTES = 16 * 1024;

function maxChars(limit: number | null, field: string): number {
  if (limit === null) throw new Error(`the contract sets no length limit on ${field}`);
  return limit;
}

/**
 * The contract's largest texts, with their limits read from the contract's own schemas so the cap follows
 * them. Base64 counts one byte a character: a base64 field that holds anything else is not base64, and a frame
 * it makes too large is refused. Every other field (file names, PEMs, notes, lists of at most 20,000 ids)
 * stays far below the largest of these.
 */
const LARGEST_TEXTS = [
  {
    field: 'discovery.importCsv contentBase64',
    bytes: maxChars(commands['discovery.importCsv'].input.shape.contentBase64.maxLength, 'CSV content'),
  },
  {
    field: 'templates.import content',
    bytes:
      maxChars(commands['templates.import'].input.shape.content.maxLength, 'template content') *
      JSON_BYTES_PER_CHAR,
  },
  {
    field: 'firmware.uploadChunk dataBase64',
    bytes: maxChars(commands['firmware.uploadChunk'].input.shape.dataBase64.maxLength, 'firmware chunk'),
  },
] as const;

/**
 * The largest invoke frame (UTF-8 bytes of its JSON) a valid command can make: the largest text above plus
 * the envelope. Both hosts refuse a larger request with PAYLOAD_TOO_LARGE, without running it: the renderer's
 * transport before sending it, the headless host when it arrives.
 */
export const MAX_FRAME_BYTES = Math.max(...LARGEST_TEXTS.map((t) => t.bytes)) + ENVELOPE_BYTES;

/**
 * How much of one WebSocket message the headless host reads at most (above it the `ws` library closes the
 * socket with 1009). Twice the cap, so a frame somewhat over it is still read and answered; the renderer never
 * sends one above the cap, so only another client can meet this limit.
 */
export const WS_READ_LIMIT_BYTES = 2 * MAX_FRAME_BYTES;

const megabytes = (bytes: number) => `${(bytes / 1_000_000).toFixed(1)} MB`;

/** The answer to a request of `bytes` above MAX_FRAME_BYTES. */
export function payloadTooLarge(bytes: number): Result<never> {
  return fail(
    'PAYLOAD_TOO_LARGE',
    `this request is ${megabytes(bytes)}, more than the ${megabytes(MAX_FRAME_BYTES)} Fieldbatch takes at once`,
    { bytes, maxBytes: MAX_FRAME_BYTES },
  );
}

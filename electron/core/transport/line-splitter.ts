/** A line as received, cleaned of control bytes; `isTruncated` when it was longer than the cap. */
export interface ReceivedLine {
  text: string;
  isTruncated: boolean;
}

const LF = 0x0a;
const decoder = new TextDecoder('utf-8');

/** True for C0 controls (except TAB) and DEL: line noise, boot ROM output at another baud rate, escapes. */
export function isControlChar(code: number): boolean {
  return (code < 0x20 && code !== 0x09) || code === 0x7f;
}

function stripControls(text: string): string {
  let out = '';
  for (let i = 0; i < text.length; i += 1) if (!isControlChar(text.charCodeAt(i))) out += text[i];
  return out;
}

/**
 * Splits a byte stream into lines at LF (CR LF too). Bytes of an over-long line beyond `maxLineBytes` are
 * dropped until its end, so a device that never sends a newline cannot grow memory.
 */
export class LineSplitter {
  private parts: Buffer[] = [];
  private size = 0;
  private isOverflowing = false;

  constructor(
    private readonly maxLineBytes: number,
    private readonly onLine: (line: ReceivedLine) => void,
  ) {}

  push(chunk: Buffer): void {
    let start = 0;
    for (let lf = chunk.indexOf(LF, start); lf !== -1; lf = chunk.indexOf(LF, start)) {
      this.keep(chunk.subarray(start, lf));
      this.emit();
      start = lf + 1;
    }
    this.keep(chunk.subarray(start));
  }

  private keep(bytes: Buffer): void {
    const room = this.maxLineBytes - this.size;
    if (bytes.length > room) this.isOverflowing = true;
    const kept = bytes.length > room ? bytes.subarray(0, Math.max(room, 0)) : bytes;
    if (kept.length === 0) return;
    this.parts.push(kept);
    this.size += kept.length;
  }

  private emit(): void {
    const text = stripControls(decoder.decode(Buffer.concat(this.parts, this.size)));
    const isTruncated = this.isOverflowing;
    this.parts = [];
    this.size = 0;
    this.isOverflowing = false;
    this.onLine({ text, isTruncated });
  }
}

/**
 * Sequential parsers written as generators: a parser yields how many bytes it wants next and receives
 * exactly that many, or fewer once the input has ended. The same parser then reads a file, a gunzip stream
 * or an upload as it arrives, without holding more than one request in memory.
 */
export type ByteParser<T> = Generator<number, T, Buffer>;

/** Requests above this are split so a large segment never sits in memory whole. */
export const MAX_REQUEST = 64 * 1024;

/** Drives a ByteParser from pushed chunks. Bytes after the parser returned are ignored. */
export class ByteFeeder<T> {
  private want = 0;
  private parts: Buffer[] = [];
  private have = 0;
  private result: { value: T } | null = null;

  constructor(private readonly parser: ByteParser<T>) {
    this.step(parser.next());
  }

  get done(): boolean {
    return this.result !== null;
  }

  push(chunk: Buffer): void {
    let rest = chunk;
    while (rest.length > 0 && !this.result) {
      const take = Math.min(rest.length, this.want - this.have);
      this.parts.push(rest.subarray(0, take));
      this.have += take;
      rest = rest.subarray(take);
      if (this.have === this.want) this.resume();
    }
  }

  /** The input has ended: the parser gets what is left (short reads) until it returns. */
  end(): T {
    for (let guard = 0; !this.result; guard++) {
      if (guard > 1_000) throw new Error('parser kept reading after the input ended');
      this.resume();
    }
    return this.result.value;
  }

  private resume(): void {
    const bytes = this.parts.length === 1 ? this.parts[0]! : Buffer.concat(this.parts);
    this.parts = [];
    this.have = 0;
    this.step(this.parser.next(bytes));
  }

  private step(next: IteratorResult<number, T>): void {
    if (next.done) {
      this.result = { value: next.value };
      return;
    }
    if (!Number.isInteger(next.value) || next.value < 1 || next.value > MAX_REQUEST) {
      throw new Error(`a parser asked for ${next.value} bytes`);
    }
    this.want = next.value;
  }
}

/**
 * A parser's position in its input, with bytes it looked at and gave back (`unread`), and an optional tap
 * that sees every byte read (an image's running hash).
 */
export class ByteCursor {
  offset = 0;
  tap: ((bytes: Buffer) => void) | null = null;
  private pushback: Buffer = Buffer.alloc(0);

  /** Exactly `n` bytes (any size), or fewer when the input ended. */
  *read(n: number): ByteParser<Buffer> {
    const parts: Buffer[] = [];
    let got = 0;
    if (this.pushback.length > 0) {
      const take = this.pushback.subarray(0, n);
      this.pushback = this.pushback.subarray(take.length);
      parts.push(take);
      got += take.length;
    }
    while (got < n) {
      const want = Math.min(n - got, MAX_REQUEST);
      const bytes = yield want;
      parts.push(bytes);
      got += bytes.length;
      if (bytes.length < want) break;
    }
    const out = parts.length === 1 ? parts[0]! : Buffer.concat(parts);
    this.offset += out.length;
    this.tap?.(out);
    return out;
  }

  /** Reads and drops bytes up to `offset`, in pieces; false when the input ended first. */
  *skipTo(offset: number): ByteParser<boolean> {
    while (this.offset < offset) {
      const want = Math.min(offset - this.offset, MAX_REQUEST);
      const bytes = yield* this.read(want);
      if (bytes.length < want) return false;
    }
    return true;
  }

  /** Gives bytes back: the next read returns them first. */
  unread(bytes: Buffer): void {
    this.pushback = this.pushback.length > 0 ? Buffer.concat([bytes, this.pushback]) : bytes;
    this.offset -= bytes.length;
  }
}

/** Runs a parser over bytes already in memory (a 4 KiB head, tests), in chunks of `chunkSize`. */
export function parseBuffer<T>(parser: ByteParser<T>, data: Buffer, chunkSize = 64 * 1024): T {
  const feeder = new ByteFeeder(parser);
  for (let at = 0; at < data.length && !feeder.done; at += chunkSize) {
    feeder.push(data.subarray(at, at + chunkSize));
  }
  return feeder.end();
}

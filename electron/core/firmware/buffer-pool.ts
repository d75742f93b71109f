/**
 * Reference-counted block buffers. Every holder (the block cache, a download between reading and writing a
 * block, each socket write until its callback) takes a reference; a buffer nobody holds goes back to the
 * free list and is reused, so serving many downloads allocates (and leaves for the garbage collector)
 * almost nothing. A reference that is never released only costs reuse: the buffer is then collected.
 */
export class BufferPool {
  private readonly refs = new Map<Buffer, number>();
  private readonly free: Buffer[] = [];

  /**
   * @param size the length pooled buffers have (other lengths are allocated and dropped)
   * @param maxFree buffers kept on the free list at most
   */
  constructor(
    readonly size: number,
    private readonly maxFree: number,
  ) {}

  /** A buffer of `length` bytes (contents undefined), held once by the caller. */
  acquire(length: number): Buffer {
    const buffer = (length === this.size ? this.free.pop() : undefined) ?? Buffer.allocUnsafeSlow(length);
    this.refs.set(buffer, 1);
    return buffer;
  }

  retain(buffer: Buffer): void {
    const count = this.refs.get(buffer);
    if (count === undefined) throw new Error('retain of a buffer nobody holds');
    this.refs.set(buffer, count + 1);
  }

  release(buffer: Buffer): void {
    const count = this.refs.get(buffer);
    if (count === undefined) return;
    if (count > 1) {
      this.refs.set(buffer, count - 1);
      return;
    }
    this.refs.delete(buffer);
    if (buffer.length === this.size && this.free.length < this.maxFree) this.free.push(buffer);
  }

  get stats(): { held: number; free: number } {
    return { held: this.refs.size, free: this.free.length };
  }
}

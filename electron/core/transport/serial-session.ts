import { EventEmitter } from 'node:events';
import { stat } from 'node:fs/promises';
import { SerialPort, type SerialPortMock } from 'serialport';
import { DeviceError } from '../device-error';
import { LineSplitter } from './line-splitter';

/** The OS binding (default) or `SerialPortMock.binding` in tests. */
export type SerialBinding = typeof SerialPort.binding | typeof SerialPortMock.binding;

export interface SerialSessionEvents {
  /** One received line, without its line ending, control bytes removed, capped at `maxLineBytes`. */
  line: [line: string];
  /** The port vanished under us (USB unplugged, PTY peer killed). The session is closed. */
  unplugged: [error: Error];
  /** The session closed, for any reason (after `unplugged` when that was the reason). */
  closed: [];
}

export interface SerialOpenOptions {
  path: string;
  baudRate: number;
  binding?: SerialBinding;
  /** Longer lines are cut to this many bytes (the rest up to the newline is dropped). Default 16 KiB. */
  maxLineBytes?: number;
  /** How often to check that the device node still exists (POSIX paths only). Default 500 ms. */
  livenessIntervalMs?: number;
}

export interface SerialRequestOptions {
  /** Rejects with DeviceError('timeout') when no matching line arrived in time. */
  timeoutMs: number;
  /** Aborting rejects with `signal.reason`. */
  signal?: AbortSignal;
}

/** The device node behind a POSIX path (null for Windows COM names and mock ports: nothing to watch). */
async function deviceNumber(path: string, binding: SerialBinding | undefined): Promise<number | null> {
  if (binding !== undefined || !path.startsWith('/')) return null;
  return stat(path).then(
    (s) => s.rdev,
    () => null,
  );
}

/** The port is already held, by this app (another session) or by another program. */
export class SerialPortBusyError extends DeviceError {
  override name = 'SerialPortBusyError';
  constructor(
    readonly path: string,
    message = `serial port ${path} is already in use by Fieldbatch`,
  ) {
    super('unreachable', message);
  }
}

function openError(path: string, error: Error): DeviceError {
  const text = error.message;
  if (/cannot lock port|resource temporarily unavailable|access denied|busy/i.test(text)) {
    return new SerialPortBusyError(path, `serial port ${path} is in use by another program`);
  }
  if (/no such file|ENOENT|cannot find|file not found/i.test(text)) {
    return new DeviceError(
      'unreachable',
      `serial port ${path} does not exist (unplugged, or a typo in the path?)`,
    );
  }
  if (/permission denied|EACCES/i.test(text)) {
    return new DeviceError(
      'unreachable',
      `no permission to open ${path} (on Linux: add the user to the dialout group)`,
    );
  }
  return new DeviceError('unreachable', `cannot open ${path}: ${text}`);
}

/**
 * A line-oriented session over one serial port. Created through `SerialSessionRegistry.open`, which keeps
 * it exclusive. Noise-tolerant: binary bytes and partial lines never reach listeners as anything but text.
 */
export class SerialSession extends EventEmitter<SerialSessionEvents> {
  private isClosed = false;
  private isClosing = false;

  private constructor(
    private readonly port: SerialPort,
    readonly path: string,
    readonly baudRate: number,
    options: { maxLineBytes: number; livenessIntervalMs: number; rdev: number | null },
  ) {
    super();
    const splitter = new LineSplitter(options.maxLineBytes, (line) => this.emit('line', line.text));
    port.on('data', (chunk: Buffer) => splitter.push(chunk));
    // Errors also surface through write callbacks and `close`; an unhandled 'error' would crash the process.
    port.on('error', () => undefined);
    // A close we did not ask for means the port went away, whether or not the binding says `disconnected`
    // (a hung-up PTY can also end the stream with a plain close).
    port.on('close', (error?: Error | null) =>
      this.closed(this.isClosing ? null : (error ?? new Error(`serial port ${path} closed unexpectedly`))),
    );
    if (options.rdev !== null) this.watchNode(options.rdev, options.livenessIntervalMs);
  }

  /** Opens the port; rejects with a DeviceError (SerialPortBusyError when locked) whose message says why. */
  static open(options: SerialOpenOptions): Promise<SerialSession> {
    const { path, baudRate, binding } = options;
    // `SerialPort` takes `binding` at run time though its option type omits it; tests pass the mock binding.
    const settings = { path, baudRate, autoOpen: false, ...(binding ? { binding } : {}) };
    const port = new SerialPort(settings as ConstructorParameters<typeof SerialPort>[0]);
    return new Promise((resolve, reject) => {
      port.open((error) => {
        if (error) return reject(openError(path, error));
        void deviceNumber(path, binding).then((rdev) =>
          resolve(
            new SerialSession(port, path, baudRate, {
              maxLineBytes: options.maxLineBytes ?? 16 * 1024,
              livenessIntervalMs: options.livenessIntervalMs ?? 500,
              rdev,
            }),
          ),
        );
      });
    });
  }

  get isOpen(): boolean {
    return !this.isClosed;
  }

  /** Subscribes to received lines; returns the disposer. */
  onLine(listener: (line: string) => void): () => void {
    this.on('line', listener);
    return () => this.off('line', listener);
  }

  /** Writes raw text; rejects with DeviceError('unreachable') when the port is gone. */
  write(text: string): Promise<void> {
    if (this.isClosed)
      return Promise.reject(new DeviceError('unreachable', `serial port ${this.path} is closed`));
    return new Promise((resolve, reject) => {
      this.port.write(text, (error) =>
        error
          ? reject(new DeviceError('unreachable', `write to ${this.path} failed: ${error.message}`))
          : resolve(),
      );
    });
  }

  /**
   * Sends `line` + `\n`, then resolves with the first received line for which `match` returns a value
   * (undefined = keep waiting, e.g. log output in between). A throw from `match` fails the request with it.
   * Callers serialize requests per port (the job engine runs one task per serial port).
   */
  request<T>(
    line: string,
    match: (received: string) => T | undefined,
    options: SerialRequestOptions,
  ): Promise<T> {
    const { signal } = options;
    if (signal?.aborted) return Promise.reject(signal.reason);
    return new Promise<T>((resolve, reject) => {
      const cleanups: (() => void)[] = [];
      const settle = (outcome: () => void) => {
        for (const cleanup of cleanups.splice(0)) cleanup();
        outcome();
      };
      const timer = setTimeout(
        () =>
          settle(() =>
            reject(
              new DeviceError(
                'timeout',
                `no reply to ${JSON.stringify(line)} on ${this.path} within ${options.timeoutMs} ms`,
              ),
            ),
          ),
        options.timeoutMs,
      );
      cleanups.push(() => clearTimeout(timer));
      const onAbort = () => settle(() => reject(signal?.reason));
      signal?.addEventListener('abort', onAbort, { once: true });
      cleanups.push(() => signal?.removeEventListener('abort', onAbort));
      const onClosed = () =>
        settle(() =>
          reject(new DeviceError('unreachable', `serial port ${this.path} closed during the request`)),
        );
      this.once('closed', onClosed);
      cleanups.push(() => this.off('closed', onClosed));
      cleanups.push(
        this.onLine((received) => {
          try {
            const value = match(received);
            if (value !== undefined) settle(() => resolve(value));
          } catch (error) {
            settle(() => reject(error));
          }
        }),
      );
      this.write(`${line}\n`).catch((error: unknown) => settle(() => reject(error)));
    });
  }

  /** Closes the port. Idempotent; resolves once the OS handle is released. */
  close(): Promise<void> {
    if (this.isClosed) return Promise.resolve();
    this.isClosing = true;
    return new Promise((resolve) => {
      if (!this.port.isOpen) {
        this.closed(null);
        return resolve();
      }
      this.port.close(() => {
        this.closed(null);
        resolve();
      });
    });
  }

  /**
   * A hung-up port does not always close by itself: when a PTY peer or USB bridge vanishes, the binding can
   * read EOF forever instead of failing. The device node going away (or being reused) is the reliable sign.
   */
  private watchNode(rdev: number, intervalMs: number): void {
    const timer = setInterval(() => {
      void stat(this.path).then(
        (now) => now.rdev !== rdev && this.hangUp(),
        () => this.hangUp(),
      );
    }, intervalMs);
    timer.unref();
    this.once('closed', () => clearInterval(timer));
  }

  private hangUp(): void {
    if (this.isClosed) return;
    this.closed(new Error(`serial port ${this.path} disappeared`));
    if (this.port.isOpen) this.port.close(() => undefined);
  }

  private closed(unplugged: Error | null): void {
    if (this.isClosed) return;
    this.isClosed = true;
    if (unplugged) this.emit('unplugged', unplugged);
    this.emit('closed');
    this.removeAllListeners('line');
  }
}

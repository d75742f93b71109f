import { resolve } from 'node:path';
import { SerialPortBusyError, SerialSession, type SerialBinding } from './serial-session';

export interface SerialSessionRegistryOptions {
  /** Default: the OS binding. Tests pass `SerialPortMock.binding`. */
  binding?: SerialBinding;
  /** See SerialOpenOptions.maxLineBytes. */
  maxLineBytes?: number;
  /** See SerialOpenOptions.livenessIntervalMs. */
  livenessIntervalMs?: number;
}

/**
 * One session per serial port for the whole app (discovery probes now, drivers later). A second `open`
 * of a held path fails with SerialPortBusyError; `get` lends the open session to whoever needs to talk
 * to the device behind it. A session closed (or unplugged) leaves the registry, so the port can be
 * opened again after a replug.
 */
export class SerialSessionRegistry {
  private readonly sessions = new Map<string, SerialSession | Promise<SerialSession>>();

  constructor(private readonly options: SerialSessionRegistryOptions = {}) {}

  /** Opens `path` exclusively; rejects with SerialPortBusyError or another DeviceError('unreachable'). */
  async open(path: string, baudRate: number): Promise<SerialSession> {
    const key = resolve(path);
    if (this.sessions.has(key)) throw new SerialPortBusyError(path);
    const opening = SerialSession.open({ ...this.options, path, baudRate });
    this.sessions.set(key, opening);
    try {
      const session = await opening;
      this.sessions.set(key, session);
      session.once('closed', () => {
        if (this.sessions.get(key) === session) this.sessions.delete(key);
      });
      return session;
    } catch (error) {
      this.sessions.delete(key);
      throw error;
    }
  }

  /** The open session on `path`, if any (not one still opening). */
  get(path: string): SerialSession | undefined {
    const entry = this.sessions.get(resolve(path));
    return entry instanceof SerialSession && entry.isOpen ? entry : undefined;
  }

  isHeld(path: string): boolean {
    return this.sessions.has(resolve(path));
  }

  async closeAll(): Promise<void> {
    const all = [...this.sessions.values()];
    await Promise.all(all.map(async (entry) => (await Promise.resolve(entry).catch(() => null))?.close()));
  }
}

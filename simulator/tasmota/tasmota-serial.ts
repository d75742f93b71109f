import { SerialPort } from 'serialport';
import { MAX_COMMAND_LENGTH } from './commands/command-engine';

const LF = 0x0a;

/**
 * The device side of a serial console (§2.5): 115200 8N1, printable ASCII (0x20-0x7E) is buffered, other
 * control bytes (CR included) are ignored, a byte > 127 discards the partial line, `\n` executes.
 */
export class SerialConsole {
  private line = '';
  private isOpen = false;

  private constructor(
    private readonly port: SerialPort,
    private readonly onLine: (line: string) => void,
  ) {
    port.on('data', (chunk: Buffer) => this.receive(chunk));
    port.on('error', () => undefined);
    port.on('close', () => (this.isOpen = false));
    this.isOpen = true;
  }

  static open(path: string, onLine: (line: string) => void): Promise<SerialConsole> {
    return new Promise((resolve, reject) => {
      const port = new SerialPort({
        path,
        baudRate: 115200,
        dataBits: 8,
        parity: 'none',
        stopBits: 1,
        autoOpen: false,
      });
      port.open((error) => (error ? reject(error) : resolve(new SerialConsole(port, onLine))));
    });
  }

  write(text: string): void {
    if (this.isOpen) this.port.write(text);
  }

  close(): Promise<void> {
    if (!this.isOpen) return Promise.resolve();
    this.isOpen = false;
    return new Promise((resolve) => this.port.close(() => resolve()));
  }

  private receive(chunk: Buffer): void {
    for (const byte of chunk) {
      if (byte === LF) {
        const line = this.line;
        this.line = '';
        if (line.trim() !== '') this.onLine(line);
      } else if (byte > 127) {
        this.line = '';
      } else if (byte >= 0x20 && byte <= 0x7e && this.line.length < MAX_COMMAND_LENGTH) {
        this.line += String.fromCharCode(byte);
      }
    }
  }
}

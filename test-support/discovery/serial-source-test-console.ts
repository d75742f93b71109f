import { SerialPort } from 'serialport';
import {
  consoleLineFixture,
  status0Fixture,
  statusSectionFixtures,
} from '../drivers/tasmota/tasmota-fixtures';

export type ConsoleBehaviour =
  /** Answers `Status0` and `Status 0` like Tasmota, with line noise and split writes around the result. */
  | 'tasmota'
  /** Spews binary garbage in reply to anything and never answers. */
  | 'garbage'
  /** Answers with a result cut off in mid-line (line noise). */
  | 'broken-result'
  /**
   * Cuts log lines longer than 700 characters with ` ...` as builds with a small log buffer do
   * (xdrv_02_9_mqtt.ino MqttPublishDirect, older versions): the merged STATUS0 is cut, sections fit.
   */
  | 'short-log-buffer';

const SHORT_LOG_LINE = 700;

/**
 * Test helper: the device end of a PTY pair playing a Tasmota serial console (PROTOCOLS.md §2.5) for
 * the given MAC (colon form). The simulator plays full devices; this one plays edge cases.
 */
export class FakeTasmotaConsole {
  private constructor(private readonly port: SerialPort) {}

  static async open(
    devicePath: string,
    mac: string,
    behaviour: ConsoleBehaviour = 'tasmota',
  ): Promise<FakeTasmotaConsole> {
    const port = new SerialPort({ path: devicePath, baudRate: 115200, autoOpen: false });
    port.on('error', () => undefined);
    await new Promise<void>((resolve, reject) => port.open((error) => (error ? reject(error) : resolve())));
    const fake = new FakeTasmotaConsole(port);
    let pending = '';
    port.on('data', (chunk: Buffer) => {
      pending += chunk.toString('latin1');
      for (let lf = pending.indexOf('\n'); lf !== -1; lf = pending.indexOf('\n')) {
        const line = pending.slice(0, lf).replace(/\r/g, '');
        pending = pending.slice(lf + 1);
        fake.reply(line, mac, behaviour);
      }
    });
    return fake;
  }

  close(): Promise<void> {
    if (!this.port.isOpen) return Promise.resolve();
    return new Promise((resolve) => this.port.close(() => resolve()));
  }

  private reply(line: string, mac: string, behaviour: ConsoleBehaviour): void {
    if (behaviour === 'garbage') {
      this.port.write(Buffer.from([0x00, 0xff, 0xfe, 0x0a, 0x80, 0x1b, 0x5b, 0x0d, 0x0a, 0xc3, 0x28]));
      return;
    }
    if (line.trim() === '') return;
    this.port.write(`${consoleLineFixture('CMD', line)}\r\n`);
    // support_command.ino CmndStatusResponse: Status0 merges the sections, Status 0 logs one line each.
    const status = status0Fixture(mac);
    const results = /^status0$/i.test(line.trim())
      ? [`STATUS0 = ${JSON.stringify(status)}`]
      : /^status\s+0$/i.test(line.trim())
        ? statusSectionFixtures(status).map(([level, json]) => `${level} = ${JSON.stringify(json)}`)
        : [];
    for (const text of results) this.writeResult(text, behaviour);
  }

  private writeResult(text: string, behaviour: ConsoleBehaviour): void {
    if (behaviour === 'broken-result') {
      this.port.write(`${consoleLineFixture('RSL', text.slice(0, 50))}\r\n`);
      return;
    }
    const shown =
      behaviour === 'short-log-buffer' && text.length > SHORT_LOG_LINE
        ? `${text.slice(0, SHORT_LOG_LINE - 4)} ...`
        : text;
    const result = `${consoleLineFixture('RSL', shown)}\r\n`;
    this.port.write(Buffer.from([0xff, 0x00, 0x1b]));
    this.port.write(`${consoleLineFixture('WIF', 'WifiCheck: connected')}\r\n`);
    this.port.write(result.slice(0, 50));
    this.port.write(result.slice(50));
  }
}

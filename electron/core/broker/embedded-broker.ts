import { createHash, timingSafeEqual } from 'node:crypto';
import { createServer, type AddressInfo, type Server, type Socket } from 'node:net';
import type { Aedes, AuthenticateError, Client } from 'aedes';
import { DomainError } from '../errors';
import type { Logger } from '../ports';
import { handlePacketsInOrder } from './in-order-packets';

export interface BrokerAccount {
  username: string;
  password: string;
}

export interface EmbeddedBrokerOptions {
  /** IPv4 address to listen on: one NIC, never all of them. */
  host: string;
  /** 0 asks the OS for a free port. */
  port: number;
  /** What devices (Tasmota) log in with. */
  devices: BrokerAccount;
  /** The app's own MQTT client: not counted as a device. */
  app: BrokerAccount;
  logger: Logger;
  /** A device connected or went away. */
  onDevicesChanged(): void;
}

/** Why listening failed, in words a technician can act on. */
export class BrokerListenError extends DomainError {
  override name = 'BrokerListenError';
  constructor(
    readonly reason: 'in-use' | 'not-available' | 'denied',
    message: string,
  ) {
    super(reason === 'in-use' ? 'CONFLICT' : 'UNAVAILABLE', message);
  }
}

// MQTT 3.1.1 §3.2.2.3 CONNACK return code 4: "bad user name or password".
const BAD_USERNAME_OR_PASSWORD = 4;

const digest = (text: string) => createHash('sha256').update(text).digest();
/** Equal-time comparison over digests (timingSafeEqual needs equal lengths). */
const sameText = (a: string, b: string) => timingSafeEqual(digest(a), digest(b));

function listenError(error: NodeJS.ErrnoException, host: string, port: number): Error {
  if (error.code === 'EADDRINUSE')
    return new BrokerListenError(
      'in-use',
      `port ${port} on ${host} is already in use by another program: choose another port, or leave the port empty to use a free one`,
    );
  if (error.code === 'EADDRNOTAVAIL')
    return new BrokerListenError(
      'not-available',
      `${host} is not an address of this computer (any more): choose the network interface again`,
    );
  if (error.code === 'EACCES')
    return new BrokerListenError(
      'denied',
      `this computer does not let the app listen on port ${port}: choose a port above 1023`,
    );
  return error;
}

/**
 * An in-process MQTT 3.1.1 broker (aedes, ESM-only: loaded on first start) on one address and port. Every
 * client must log in; wrong credentials get CONNACK 4. `stop` closes every client socket and frees the port.
 */
export class EmbeddedBroker {
  private readonly sockets = new Set<Socket>();
  private readonly devices = new Set<Client>();
  private readonly appClients = new WeakSet<Client>();

  private constructor(
    private readonly aedes: Aedes,
    private readonly server: Server,
    private readonly options: EmbeddedBrokerOptions,
  ) {}

  static async start(options: EmbeddedBrokerOptions): Promise<EmbeddedBroker> {
    const { Aedes } = await import('aedes');
    let broker: EmbeddedBroker | null = null;
    const aedes = await Aedes.createBroker({
      authenticate: (client, username, password, done) => {
        const account = broker?.accountOf(username, password);
        if (account === undefined || account === null) {
          const refused = new Error('bad user name or password') as AuthenticateError;
          refused.returnCode = BAD_USERNAME_OR_PASSWORD as AuthenticateError['returnCode'];
          options.logger.info('embedded broker: login refused', { clientId: client.id, username });
          return done(refused, false);
        }
        if (account === 'app') broker?.appClients.add(client);
        done(null, true);
      },
    });
    const server = createServer((socket) => broker?.accept(socket));
    broker = new EmbeddedBroker(aedes, server, options);
    aedes.on('clientReady', (client) => broker?.clientChanged(client, true));
    aedes.on('clientDisconnect', (client) => broker?.clientChanged(client, false));
    try {
      await new Promise<void>((resolve, reject) => {
        server.once('error', (error) => reject(listenError(error, options.host, options.port)));
        server.listen(options.port, options.host, () => resolve());
      });
    } catch (error) {
      await new Promise<void>((resolve) => aedes.close(() => resolve()));
      throw error;
    }
    server.on('error', (error) =>
      options.logger.warn('embedded broker: server error', { error: error.message }),
    );
    return broker;
  }

  get port(): number {
    return (this.server.address() as AddressInfo).port;
  }

  get deviceCount(): number {
    return this.devices.size;
  }

  /** Every client socket closed and the port released once this resolves. */
  async stop(): Promise<void> {
    const closed = new Promise<void>((resolve) => this.server.close(() => resolve()));
    await new Promise<void>((resolve) => this.aedes.close(() => resolve()));
    for (const socket of this.sockets) socket.destroy();
    await closed;
    this.devices.clear();
  }

  private accept(socket: Socket): void {
    this.sockets.add(socket);
    socket.on('close', () => this.sockets.delete(socket));
    // A reset by the peer is normal for devices losing power; aedes reports the client's end itself.
    socket.on('error', () => undefined);
    handlePacketsInOrder(this.aedes.handle(socket));
  }

  private accountOf(username: string | undefined, password: Buffer | undefined): 'device' | 'app' | null {
    if (username === undefined || password === undefined) return null;
    const text = password.toString('utf8');
    const { devices, app } = this.options;
    // Every comparison runs every time, so the answer takes as long whichever part is wrong.
    const checks = [
      sameText(username, devices.username),
      sameText(text, devices.password),
      sameText(username, app.username),
      sameText(text, app.password),
    ];
    const isDevice = checks[0]! && checks[1]!;
    const isApp = checks[2]! && checks[3]!;
    if (isApp) return 'app';
    return isDevice ? 'device' : null;
  }

  private clientChanged(client: Client, isConnected: boolean): void {
    if (this.appClients.has(client)) return;
    const before = this.devices.size;
    if (isConnected) this.devices.add(client);
    else this.devices.delete(client);
    if (this.devices.size !== before) this.options.onDevicesChanged();
  }
}

import net from 'node:net';

/**
 * Test helper: a fixed 127.0.0.1 port in front of a broker, so a test can take "the broker" away (the port
 * refuses connections) and bring it back at the same address, even when the broker behind it is a new
 * process on another port. Clients see exactly what they would see from a restarted broker.
 */
export class TcpForwarder {
  private server: net.Server | null = null;
  private readonly sockets = new Set<net.Socket>();
  private listenPort = 0;

  private constructor(private targetPort: number) {}

  static async start(targetPort: number): Promise<TcpForwarder> {
    const forwarder = new TcpForwarder(targetPort);
    forwarder.listenPort = await forwarder.listen(0);
    return forwarder;
  }

  get port(): number {
    return this.listenPort;
  }

  get url(): string {
    return `mqtt://127.0.0.1:${this.port}`;
  }

  /** Refuses new connections and drops the open ones, like a broker that died. */
  async down(): Promise<void> {
    const server = this.server;
    this.server = null;
    for (const socket of this.sockets) socket.destroy();
    this.sockets.clear();
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  /** Drops the open connections but keeps accepting (a connection reset); returns how many were dropped. */
  reset(): number {
    const dropped = Math.ceil(this.sockets.size / 2); // a client socket and its upstream each
    for (const socket of this.sockets) socket.destroy();
    this.sockets.clear();
    return dropped;
  }

  /** Accepts again on the same port, forwarding to `targetPort` (a restarted broker). */
  async up(targetPort = this.targetPort): Promise<void> {
    this.targetPort = targetPort;
    await this.listen(this.port);
  }

  private listen(port: number): Promise<number> {
    const server = net.createServer((client) => {
      const upstream = net.connect({ host: '127.0.0.1', port: this.targetPort });
      for (const socket of [client, upstream]) {
        this.sockets.add(socket);
        socket.on('error', () => undefined);
        socket.on('close', () => {
          this.sockets.delete(socket);
          client.destroy();
          upstream.destroy();
        });
      }
      client.pipe(upstream).pipe(client);
    });
    this.server = server;
    return new Promise((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => resolve((server.address() as net.AddressInfo).port));
    });
  }
}

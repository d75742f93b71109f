import http from 'node:http';
import type { AddressInfo } from 'node:net';

/** A tiny static HTTP server on 127.0.0.1 for images, used by tests, demos and benchmarks. */
export interface FirmwareServer {
  readonly port: number;
  /** `http://127.0.0.1:<port>/<name>`. */
  url(name: string): string;
  /** Adds or replaces a file. */
  put(name: string, data: Buffer): void;
  /** How many GET requests each file received (a test can prove a device downloaded exactly once). */
  downloads(name: string): number;
  /** Holds every GET of `name` until the returned function is called (to catch a device mid-download). */
  hold(name: string): () => void;
  stop(): Promise<void>;
}

export async function startFirmwareServer(files: Record<string, Buffer> = {}): Promise<FirmwareServer> {
  const store = new Map(Object.entries(files));
  const counts = new Map<string, number>();
  const gates = new Map<string, Promise<void>>();
  const server = http.createServer(async (req, res) => {
    const name = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname.slice(1));
    counts.set(name, (counts.get(name) ?? 0) + 1);
    await gates.get(name);
    const data = store.get(name);
    if (req.method !== 'GET' || data === undefined) {
      res.writeHead(404, { 'Content-Type': 'text/plain' }).end('Not Found');
      return;
    }
    res.writeHead(200, { 'Content-Type': 'application/octet-stream', 'Content-Length': data.length });
    res.end(data);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const { port } = server.address() as AddressInfo;
  return {
    port,
    url: (name) => `http://127.0.0.1:${port}/${encodeURIComponent(name)}`,
    put: (name, data) => void store.set(name, data),
    downloads: (name) => counts.get(name) ?? 0,
    hold: (name) => {
      let release = (): void => undefined;
      gates.set(name, new Promise<void>((resolve) => (release = resolve)));
      return () => {
        gates.delete(name);
        release();
      };
    },
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

import { createServer, type Server, type ServerOptions } from 'node:https';
import type { AddressInfo } from 'node:net';
import type { IncomingHttpHeaders } from 'node:http';
import type { TestCertificates } from './test-pki';

/** A request the stub received. */
export interface StubRequest {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
}

/** What the stub answers; `hang` never answers (a timeout). */
export interface StubReply {
  status: number;
  headers?: Record<string, string>;
  body?: unknown;
  hang?: boolean;
}

export type StubHandler = (req: StubRequest) => StubReply;

/**
 * An HTTPS server on 127.0.0.1 with the given certificate (the test CA's, or a bad one); answers by `handler`,
 * records every request and counts completed TLS handshakes. `tls`: more server options (e.g. old TLS only).
 */
export class HttpsStub {
  readonly requests: StubRequest[] = [];
  /** TLS handshakes that completed (a client that refuses the server's certificate leaves it at 0). */
  secureConnections = 0;
  private server: Server | null = null;

  constructor(
    private readonly certificates: Pick<TestCertificates, 'certPem' | 'keyPem'>,
    private handler: StubHandler = () => ({ status: 200, body: {} }),
    private readonly tls: ServerOptions = {},
  ) {}

  /** Replies from the queue, one per request, then `fallback`. */
  static queue(replies: StubReply[], fallback: StubReply = { status: 200, body: {} }): StubHandler {
    return () => replies.shift() ?? fallback;
  }

  setHandler(handler: StubHandler): void {
    this.handler = handler;
  }

  async start(): Promise<string> {
    const server = createServer(
      { ...this.tls, cert: this.certificates.certPem, key: this.certificates.keyPem },
      (req, res) => {
        const chunks: Buffer[] = [];
        req.on('data', (c: Buffer) => chunks.push(c));
        req.on('end', () => {
          const request = {
            method: req.method ?? '',
            path: req.url ?? '',
            headers: req.headers,
            body: Buffer.concat(chunks).toString('utf8'),
          };
          this.requests.push(request);
          const reply = this.handler(request);
          if (reply.hang) return;
          const text = reply.body === undefined ? '' : JSON.stringify(reply.body);
          res.writeHead(reply.status, { 'content-type': 'application/json', ...reply.headers });
          res.end(text);
        });
      },
    );
    server.on('secureConnection', () => (this.secureConnections += 1));
    this.server = server;
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return `https://127.0.0.1:${(server.address() as AddressInfo).port}`;
  }

  async stop(): Promise<void> {
    const server = this.server;
    if (!server) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}

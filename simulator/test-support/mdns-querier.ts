import makeMdns from 'multicast-dns';

type WireRecord = NonNullable<makeMdns.ResponsePacket['answers']>[number];

/** A received resource record, flattened to the fields the tests look at. */
export interface SeenRecord {
  name: string;
  type: string;
  ttl: number | undefined;
  data: unknown;
}

function toSeen(record: WireRecord): SeenRecord {
  return {
    name: record.name,
    type: record.type,
    ttl: 'ttl' in record ? record.ttl : undefined,
    data: 'data' in record ? record.data : undefined,
  };
}

export interface SeenPacket {
  answers: SeenRecord[];
  additionals: SeenRecord[];
  receivedAt: number;
}

/** A raw multicast-dns client on 127.0.0.1 that records every response packet it sees. */
export class MdnsQuerier {
  readonly packets: SeenPacket[] = [];
  private readonly waiters = new Set<() => void>();

  private constructor(private readonly mdns: makeMdns.MulticastDNS) {
    mdns.on('response', (packet) => {
      this.packets.push({
        answers: (packet.answers ?? []).map(toSeen),
        additionals: (packet.additionals ?? []).map(toSeen),
        receivedAt: Date.now(),
      });
      for (const wake of this.waiters) wake();
    });
    mdns.on('warning', () => undefined);
  }

  static async start(): Promise<MdnsQuerier> {
    const mdns = makeMdns({
      interface: '127.0.0.1',
      bind: '0.0.0.0',
      loopback: true,
      reuseAddr: true,
      ttl: 1,
    });
    await new Promise<void>((resolve, reject) => {
      mdns.once('ready', resolve);
      mdns.once('error', reject);
    });
    return new MdnsQuerier(mdns);
  }

  query(questions: Array<{ name: string; type: 'PTR' | 'SRV' | 'TXT' | 'A' }>): void {
    this.mdns.query({ questions });
  }

  records(fromPacket = 0): SeenRecord[] {
    return this.packets.slice(fromPacket).flatMap((packet) => [...packet.answers, ...packet.additionals]);
  }

  /** Resolves with the first non-undefined value of `find` over all packets seen so far or later. */
  waitFor<T>(
    find: (packets: SeenPacket[]) => T | undefined,
    timeoutMs = 5000,
    what = 'mDNS records',
  ): Promise<T> {
    return new Promise((resolve, reject) => {
      const check = (): boolean => {
        const found = find(this.packets);
        if (found === undefined) return false;
        cleanup();
        resolve(found);
        return true;
      };
      const timer = setTimeout(() => {
        cleanup();
        reject(new Error(`timed out after ${timeoutMs} ms waiting for ${what}`));
      }, timeoutMs);
      const cleanup = (): void => {
        clearTimeout(timer);
        this.waiters.delete(wake);
      };
      const wake = (): void => void check();
      if (!check()) this.waiters.add(wake);
    });
  }

  stop(): Promise<void> {
    return new Promise((resolve) => this.mdns.destroy(() => resolve()));
  }
}

/** TXT data arrives as Buffers; this gives the strings. */
export function txtStrings(record: SeenRecord): string[] {
  const data = record.data as Buffer | Buffer[] | string | string[];
  return (Array.isArray(data) ? data : [data]).map((item) => item.toString());
}

export function isGoodbye(record: SeenRecord): boolean {
  return record.ttl === 0;
}

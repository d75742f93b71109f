import makeMdns from 'multicast-dns';
import type { RemoteInfo } from 'node:dgram';
import { MdnsIndex, type MdnsQuestion } from './mdns-index';
import { announcementGroup, encodedNameLength, packGroups, type RecordGroup } from './mdns-records';
import type { MdnsAdvert, ServiceAdvertiser } from './mdns-types';
import { PacketPump } from './packet-pump';

/** The only interface the simulator ever multicasts on; nothing can advertise off the machine. */
const LOOPBACK = '127.0.0.1';
const MDNS_PORT = 5353;
const MAX_MESSAGE_BYTES = 9000 - 20 - 8;

export interface MdnsResponderOptions {
  /** Must be '127.0.0.1' (the default); anything else is refused. */
  interface?: string;
  /** Gap between the two unsolicited announcements of a device. Default 1000 ms. */
  announceRepeatMs?: number;
  /** Upper bound for one DNS message. Default 8972: RFC 6762 §17 caps a packet at 9000 bytes with IP+UDP headers. */
  maxPacketBytes?: number;
  /** Malformed packets, socket warnings and send failures; they never throw. Default: ignored. */
  onWarning?: (error: Error) => void;
}

const isLoopbackAddress = (address: string): boolean => /^127\.\d+\.\d+\.\d+$/.test(address);

type WireQuestion = makeMdns.QueryPacket['questions'][number];

interface UnicastTarget {
  address: string;
  port: number;
  id: number;
  questions: WireQuestion[];
}

interface Outgoing {
  group: RecordGroup;
  unicast?: UnicastTarget;
}

/**
 * One mDNS responder for a whole fleet, on 127.0.0.1 only. Devices publish and withdraw adverts;
 * announcements and goodbyes issued in the same tick are coalesced into as few packets as fit.
 */
export class MdnsResponder implements ServiceAdvertiser {
  private readonly index = new MdnsIndex();
  private readonly pendingAnnounce = new Map<string, MdnsAdvert>();
  private readonly pendingGoodbye: MdnsAdvert[] = [];
  private readonly repeatTimers = new Set<NodeJS.Timeout>();
  private readonly pump = new PacketPump<Outgoing>((outgoing) => this.sendPacket(outgoing));
  private flushHandle: NodeJS.Immediate | undefined;
  private stopping: Promise<void> | undefined;
  private readonly announceRepeatMs: number;
  private readonly maxPacketBytes: number;
  private readonly warn: (error: Error) => void;

  private constructor(
    private readonly mdns: makeMdns.MulticastDNS,
    options: MdnsResponderOptions,
  ) {
    this.announceRepeatMs = options.announceRepeatMs ?? 1000;
    this.maxPacketBytes = options.maxPacketBytes ?? MAX_MESSAGE_BYTES;
    this.warn = options.onWarning ?? (() => undefined);
    mdns.on('warning', (error: Error) => this.warn(error));
    mdns.on('error', (error: Error) => this.warn(error));
    mdns.on('query', (packet, rinfo) => this.onQuery(packet, rinfo));
  }

  /** Binds 0.0.0.0:5353 (a socket bound to 127.0.0.1 gets no multicast) with membership on 127.0.0.1 only. */
  static async start(options: MdnsResponderOptions = {}): Promise<MdnsResponder> {
    const iface = options.interface ?? LOOPBACK;
    if (iface !== LOOPBACK)
      throw new Error(`mDNS responder refuses interface ${iface}: only ${LOOPBACK} is allowed`);
    const mdns = makeMdns({
      interface: LOOPBACK,
      bind: '0.0.0.0',
      port: MDNS_PORT,
      loopback: true,
      reuseAddr: true,
      // Link-local only even if a route ever sent a packet past loopback.
      ttl: 1,
    });
    await new Promise<void>((resolve, reject) => {
      const onError = (error: Error): void => {
        mdns.destroy();
        reject(error);
      };
      mdns.once('error', onError);
      mdns.once('ready', () => {
        mdns.removeListener('error', onError);
        resolve();
      });
    });
    return new MdnsResponder(mdns, options);
  }

  publish(advert: MdnsAdvert): void {
    if (!isLoopbackAddress(advert.address))
      throw new Error(`refusing to advertise non-loopback ${advert.address}`);
    if (this.stopping) return;
    this.index.add(advert);
    this.pendingAnnounce.set(advert.key, advert);
    this.scheduleFlush();
  }

  withdraw(key: string): void {
    if (this.stopping) return;
    const advert = this.index.remove(key);
    if (advert === undefined) return;
    this.pendingAnnounce.delete(key);
    this.pendingGoodbye.push(advert);
    this.scheduleFlush();
  }

  /** Sends goodbyes for everything still published, then closes the socket. Idempotent. */
  stop(): Promise<void> {
    this.stopping ??= this.shutDown();
    return this.stopping;
  }

  private async shutDown(): Promise<void> {
    if (this.flushHandle) clearImmediate(this.flushHandle);
    for (const timer of this.repeatTimers) clearTimeout(timer);
    this.repeatTimers.clear();
    const goodbyes = [...this.pendingGoodbye, ...this.index.all()];
    this.pendingGoodbye.length = 0;
    this.pendingAnnounce.clear();
    this.index.clear();
    this.sendGroups(goodbyes.map((advert) => announcementGroup(advert, true)));
    await this.pump.idle();
    await new Promise<void>((resolve) => this.mdns.destroy(() => resolve()));
  }

  private scheduleFlush(): void {
    this.flushHandle ??= setImmediate(() => this.flush());
  }

  private flush(): void {
    this.flushHandle = undefined;
    const goodbyes = this.pendingGoodbye.splice(0);
    this.sendGroups(goodbyes.map((advert) => announcementGroup(advert, true)));
    const announced = [...this.pendingAnnounce.values()];
    this.pendingAnnounce.clear();
    if (announced.length === 0) return;
    this.sendGroups(announced.map((advert) => announcementGroup(advert)));
    // RFC 6762 §8.3: announce at least twice, one second apart.
    const timer = setTimeout(() => {
      this.repeatTimers.delete(timer);
      const stillCurrent = announced.filter((advert) => this.index.get(advert.key) === advert);
      this.sendGroups(stillCurrent.map((advert) => announcementGroup(advert)));
    }, this.announceRepeatMs);
    this.repeatTimers.add(timer);
  }

  private onQuery(packet: makeMdns.QueryPacket, rinfo: RemoteInfo): void {
    try {
      if (this.stopping || !isLoopbackAddress(rinfo.address)) return;
      const questions = packet.questions ?? [];
      const groups = questions.flatMap((question: MdnsQuestion) => this.index.answer(question));
      if (groups.length === 0) return;
      // RFC 6762 §6.7: a query from a port other than 5353 is a legacy one-shot query, answered unicast.
      const unicast =
        rinfo.port === MDNS_PORT
          ? undefined
          : { address: rinfo.address, port: rinfo.port, id: packet.id ?? 0, questions };
      this.sendGroups(groups, unicast);
    } catch (error) {
      this.warn(error instanceof Error ? error : new Error(String(error)));
    }
  }

  private sendGroups(groups: RecordGroup[], unicast?: UnicastTarget): void {
    if (groups.length === 0) return;
    const questionBytes = (unicast?.questions ?? []).reduce(
      (sum, q) => sum + encodedNameLength(q.name) + 4,
      0,
    );
    for (const group of packGroups(groups, this.maxPacketBytes, questionBytes))
      this.pump.push({ group, unicast });
  }

  private sendPacket({ group, unicast }: Outgoing): Promise<void> {
    return new Promise<void>((resolve) => {
      const done = (error: Error | null): void => {
        if (error) this.warn(error);
        resolve();
      };
      if (unicast === undefined) {
        this.mdns.respond({ answers: group.answers, additionals: group.additionals }, done);
        return;
      }
      if (!isLoopbackAddress(unicast.address)) return resolve();
      this.mdns.respond(
        {
          id: unicast.id,
          questions: unicast.questions,
          answers: group.answers,
          additionals: group.additionals,
        },
        { address: unicast.address, port: unicast.port },
        done,
      );
    });
  }
}

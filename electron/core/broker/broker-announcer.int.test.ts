import { networkInterfaces, type NetworkInterfaceInfo } from 'node:os';
import makeMdns from 'multicast-dns';
import { afterEach, describe, expect, it } from 'vitest';
import { silentLogger } from '../logging/json-logger';
import { BrokerAnnouncer } from './broker-announcer';

const onlyLoopback = Object.values(networkInterfaces())
  .flat()
  .every((a) => a!.internal);

interface Answer {
  name: string;
  type: string;
  data: unknown;
}

describe.skipIf(!onlyLoopback)('BrokerAnnouncer (run inside scripts/netns.sh)', () => {
  const cleanup: (() => Promise<unknown> | void)[] = [];
  afterEach(async () => {
    for (const step of cleanup.splice(0).reverse()) await step();
  });

  it('answers _mqtt._tcp with the port, the .local host and one A record: the chosen address', async () => {
    const announcer = new BrokerAnnouncer({
      logger: silentLogger,
      requireLoopbackOnly: true,
      hostName: 'fb-test',
    });
    const announcement = announcer.announce('127.0.0.1', 18_830);
    cleanup.push(() => announcement.withdraw());
    const mdns = makeMdns();
    cleanup.push(() => mdns.destroy());
    const records: Answer[] = [];
    mdns.on('response', (packet) =>
      records.push(...([...packet.answers, ...packet.additionals] as Answer[])),
    );
    const deadline = Date.now() + 5_000;
    while (!records.some((r) => r.type === 'A') && Date.now() < deadline) {
      mdns.query({ questions: [{ name: '_mqtt._tcp.local', type: 'PTR' }] });
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    expect(records).toContainEqual(
      expect.objectContaining({
        type: 'PTR',
        name: '_mqtt._tcp.local',
        data: 'Fieldbatch broker on fb-test._mqtt._tcp.local',
      }),
    );
    expect(records).toContainEqual(
      expect.objectContaining({
        type: 'SRV',
        data: expect.objectContaining({ port: 18_830, target: 'fb-test.local' }),
      }),
    );
    const addresses = new Set(
      records.filter((r) => r.type === 'A' || r.type === 'AAAA').map((r) => `${r.name} ${String(r.data)}`),
    );
    expect([...addresses]).toEqual(['fb-test.local 127.0.0.1']);
  });

  it('refuses to announce in test mode while a non-loopback interface exists', () => {
    const withLan = () =>
      ({
        lo: [{ address: '127.0.0.1', family: 'IPv4', internal: true }],
        eth0: [{ address: '192.0.2.5', family: 'IPv4', internal: false }],
      }) as unknown as NodeJS.Dict<NetworkInterfaceInfo[]>;
    const announcer = new BrokerAnnouncer({
      logger: silentLogger,
      requireLoopbackOnly: true,
      interfaces: withLan,
    });
    expect(() => announcer.announce('192.0.2.5', 1883)).toThrow(/non-loopback interfaces present \(eth0\)/);
  });
});

import { describe, expect, it } from 'vitest';
import type { DeviceId } from '../../../shared/domain/device';
import { Announcements } from './announcements';

const id = (n: number) => `mac:00000000000${n}` as DeviceId;

function withJournal(ahead: number) {
  const writes: { ids: DeviceId[]; done: () => void; fail: (e: unknown) => void }[] = [];
  const errors: unknown[] = [];
  const announcements = new Announcements({
    ahead,
    announce: (deviceIds) =>
      new Promise<void>((done, fail) => writes.push({ ids: [...deviceIds], done, fail })),
    onError: (error) => errors.push(error),
  });
  return { announcements, writes, errors };
}

const settle = () => new Promise((r) => setImmediate(r));

describe('Announcements', () => {
  it('announces the next devices in line and lets them start at once only when that is on disk', async () => {
    const { announcements, writes } = withJournal(2);
    announcements.topUp([id(1), id(2), id(3)], 10);
    expect(writes.map((w) => w.ids)).toEqual([[id(1), id(2)]]);
    announcements.topUp([id(1), id(2), id(3)], 11);
    expect(writes).toHaveLength(1); // already being written
    expect(announcements.take(id(1))).toBe(false); // not on disk yet: this start waits for its own row
    writes[0]!.done();
    await settle();
    expect(announcements.take(id(2))).toBe(true);
    expect(announcements.take(id(2))).toBe(false); // used up
    expect(announcements.take(id(1))).toBe(false); // started before it was on disk: never counts later
  });

  it('drops announced devices that left the line and refills with the next', async () => {
    const { announcements, writes } = withJournal(2);
    announcements.topUp([id(1), id(2)], 10);
    writes[0]!.done();
    await settle();
    announcements.topUp([id(2), id(3), id(4)], 11); // id(1) went offline
    expect(writes.at(-1)!.ids).toEqual([id(3)]);
    writes.at(-1)!.done();
    await settle();
    expect(announcements.take(id(1))).toBe(false);
    expect(announcements.take(id(2))).toBe(true);
    expect(announcements.take(id(3))).toBe(true);
  });

  it('reports a failed write and never treats its devices as announced', async () => {
    const { announcements, writes, errors } = withJournal(1);
    announcements.topUp([id(1)], 10);
    writes[0]!.fail(new Error('disk full'));
    await settle();
    expect(errors).toHaveLength(1);
    announcements.topUp([id(1)], 11); // tried again on the next pass
    expect(writes.map((w) => w.ids)).toEqual([[id(1)], [id(1)]]);
    expect(announcements.take(id(1))).toBe(false);
  });
});

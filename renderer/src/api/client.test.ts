import { afterEach, describe, expect, it } from 'vitest';
import { fail, IpcError, ok } from '../../../shared/ipc/result';
import { FakeTransport } from '../../../test-support/renderer/fake-transport';
import { invoke, setTransport, subscribe } from './client';

afterEach(() => setTransport(null));

describe('renderer IPC client', () => {
  it('unwraps ok results', async () => {
    setTransport(new FakeTransport({ 'devices.list': () => ok([]) }));
    await expect(invoke('devices.list', {})).resolves.toEqual([]);
  });

  it('throws IpcError with the typed code and details for failures', async () => {
    setTransport(new FakeTransport({ 'jobs.get': () => fail('NOT_FOUND', 'no job job_x', { id: 'job_x' }) }));
    const error = await invoke('jobs.get', { jobId: 'job_abcdefgh' as never }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(IpcError);
    expect(error).toMatchObject({ code: 'NOT_FOUND', message: 'no job job_x', details: { id: 'job_x' } });
  });

  it('refuses to invoke before a transport is connected', async () => {
    await expect(invoke('devices.list', {})).rejects.toMatchObject({ code: 'UNAVAILABLE' });
  });

  it('delivers events until unsubscribed', () => {
    const transport = new FakeTransport();
    setTransport(transport);
    const seen: unknown[] = [];
    const off = subscribe('discovery.statusChanged', (p) => seen.push(p));
    transport.push('discovery.statusChanged', { sources: [] });
    off();
    transport.push('discovery.statusChanged', { sources: [] });
    expect(seen).toEqual([{ sources: [] }]);
  });
});

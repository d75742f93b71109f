import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startShellyFleet, type ShellyFleet } from '../../simulator';
import { createJsonLogger } from './logging/json-logger';
import { startTestAppCore, type TestAppCore } from '../../test-support/core/test-app-core';

const DEVICE_PASSWORD = 'canary-Dev1cePw!';
const BROKER_PASSWORD = 'canary-Br0kerPw!';

/** Every file under `dir`, recursively. */
function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : [path];
  });
}

describe('secrets stay secret', () => {
  const logLines: string[] = [];
  let fleet: ShellyFleet;
  let app: TestAppCore;

  beforeAll(async () => {
    fleet = await startShellyFleet({
      count: 1,
      seed: 71,
      mdns: false,
      auth: { password: DEVICE_PASSWORD, style: 'fw2' },
    });
    app = await startTestAppCore({
      logger: createJsonLogger({ level: 'debug', write: (line) => logLines.push(line) }),
    });
  });
  afterAll(async () => {
    await app.close();
    await fleet.stop();
  });

  it('never writes a password in clear to logs, the database, artifacts, job records or replies', async () => {
    const replies: unknown[] = [];
    const call = async (name: string, input: unknown) => {
      const result = await app.dispatch(name, input);
      replies.push(result);
      if (!result.ok) throw new Error(`${name}: ${result.error.message}`);
      return result.value as Record<string, unknown>;
    };
    await call('credentials.save', { name: 'Site', password: DEVICE_PASSWORD, siteDefault: true });
    await call('discovery.saveBroker', {
      url: 'mqtt://127.0.0.1:1',
      username: 'tech',
      password: BROKER_PASSWORD,
    });
    const d = fleet.devices[0]!;
    const device = await call('discovery.addManual', { host: '127.0.0.1', port: d.port });
    const spec = {
      version: 1,
      name: 'Collect',
      targets: { deviceIds: [device.id] },
      steps: [{ action: 'collect' }],
      policy: { concurrency: 1 },
    };
    await call('jobs.plan', spec);
    const { jobId } = await call('jobs.start', { spec, confirmDevices: 1 });
    let detail: {
      job: { state: string };
      executions: { state: string; artifactId: string | null; message: string | null }[];
    };
    for (;;) {
      detail = (await call('jobs.get', { jobId })) as typeof detail;
      if (detail.job.state === 'completed') break;
      await new Promise((r) => setTimeout(r, 50));
    }
    expect(detail.executions[0]).toMatchObject({ state: 'succeeded' });
    const artifact = await call('artifacts.get', { id: detail.executions[0]!.artifactId });
    expect(JSON.stringify(artifact.content)).toContain(d.mac);
    replies.push(await call('credentials.list', {}), await call('discovery.getSettings', {}));

    const checked = [
      ['log', logLines.join('\n')],
      ['replies', JSON.stringify(replies)],
      ...files(app.dataDir).map((f) => [f, readFileSync(f).toString('latin1')]),
    ];
    expect(checked.length).toBeGreaterThan(4);
    for (const [where, text] of checked) {
      expect(text, where).not.toContain(DEVICE_PASSWORD);
      expect(text, where).not.toContain(BROKER_PASSWORD);
    }
  });
});

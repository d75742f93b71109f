import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { JobId, JobSpecInput } from '../shared/domain/job';
import { makeTempDir } from '../test-support/core/temp-dir';
import { buildShellyFirmwareZip, SHELLY_MODELS } from '../simulator';
import { importFirmware } from './firmware-import';
import { FleetProcess } from './fleet-process';
import { HeadlessProcess } from './headless-process';
import { waitForOnline } from './wait-for-devices';

export interface CrashSiteOptions {
  devices: number;
  concurrency: number;
  bootMs: number;
  seed: number;
  stepTimeoutMs: number;
  imageBytes: number;
}

/** The image every device is updated to. */
export const TARGET = { version: '1.7.0', fwId: '20261127-000000/1.7.0-gbench' };

/**
 * The site of the crash-resume benchmark: a simulated Shelly fleet in its own process, the headless host in its
 * own process on a data dir (relaunched on the same dir after every kill), and one firmware-update job over the
 * whole fleet, started as the UI does (firmware imported into the library, `jobs.plan`, then `jobs.start`).
 */
export class CrashSite {
  host: HeadlessProcess;

  private constructor(
    private readonly dir: { path: string; cleanup: () => void },
    readonly fleet: FleetProcess,
    readonly jobId: JobId,
    host: HeadlessProcess,
  ) {
    this.host = host;
  }

  get dbFile(): string {
    return join(this.dir.path, 'data', 'fieldbatch.db');
  }

  static async open(options: CrashSiteOptions): Promise<CrashSite> {
    const dir = makeTempDir('fieldbatch-bench-crash-');
    // The host serves a renderer; this benchmark drives it over the socket only, so a stub page will do.
    mkdirSync(join(dir.path, 'renderer'));
    writeFileSync(join(dir.path, 'renderer', 'index.html'), '<!doctype html><title>bench</title>');
    mkdirSync(join(dir.path, 'data'));
    const fleet = await FleetProcess.start({
      count: options.devices,
      bootMs: options.bootMs,
      seed: options.seed,
    });
    const host = HeadlessProcess.launch(CrashSite.hostOptions(dir.path));
    try {
      await host.ready;
      // Every device downloads at once at this concurrency: the server's cap must not refuse any of them.
      await host.invoke('firmware.updateServer', {
        interface: 'lo',
        maxConcurrent: options.concurrency * 2,
      });
      // A real zip names one app: one image per app in the fleet.
      const models = new Set(fleet.devices.map((d) => d.model));
      const apps = [...new Set(SHELLY_MODELS.filter((m) => models.has(m.model)).map((m) => m.app))];
      const images = [];
      for (const app of apps) {
        const zip = buildShellyFirmwareZip({
          app,
          version: TARGET.version,
          buildId: TARGET.fwId,
          partSize: options.imageBytes,
        });
        images.push(await importFirmware(host.invoke, `${app}-${TARGET.version}.zip`, zip));
      }
      const ids = (await waitForOnline(host.invoke, options.devices)).map((d) => d.id);
      const spec: JobSpecInput = {
        version: 1,
        name: 'crash-resume bench',
        targets: { deviceIds: ids },
        steps: [{ action: 'firmware-update', images: images.map((image) => image.sha256) }],
        policy: { concurrency: options.concurrency, stepTimeoutMs: options.stepTimeoutMs },
      };
      const plan = await host.invoke('jobs.plan', spec);
      if (plan.runnable !== options.devices) {
        throw new Error(
          `the plan runs ${plan.runnable}/${options.devices} devices: ${JSON.stringify(plan.warnings)}`,
        );
      }
      const { jobId } = await host.invoke('jobs.start', { spec, confirmDevices: plan.runnable });
      return new CrashSite(dir, fleet, jobId, host);
    } catch (error) {
      await host.stop();
      await fleet.stop();
      dir.cleanup();
      throw error;
    }
  }

  /** A new host process on the same data dir (the engine resumes the job by itself). */
  relaunch(): HeadlessProcess {
    this.host = HeadlessProcess.launch(CrashSite.hostOptions(this.dir.path));
    return this.host;
  }

  async close(): Promise<void> {
    await this.host.stop();
    await this.fleet.stop();
    this.dir.cleanup();
  }

  private static hostOptions(root: string) {
    return { dataDir: join(root, 'data'), rendererDir: join(root, 'renderer') };
  }
}

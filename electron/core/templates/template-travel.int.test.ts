import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { FirmwareImage } from '../../../shared/domain/firmware';
import type { Group, GroupId } from '../../../shared/domain/group';
import { JobSpecSchema } from '../../../shared/domain/job';
import { silentLogger } from '../logging/json-logger';
import { openDatabase, type Db } from '../storage/database';
import { TemplateRepository } from '../storage/repositories/template-repository';
import type { TemplateSurroundings } from './template-refs';
import { TemplateService } from './template-service';

const SHA_A = 'a'.repeat(64);
const SHA_B = 'b'.repeat(64);
const hall: Group = {
  kind: 'smart',
  id: 'grp_hall0001' as GroupId,
  name: 'Hall plugs',
  filter: { families: ['tasmota'] },
  createdAt: 1,
  updatedAt: 1,
};
const esp32: FirmwareImage = {
  sha256: SHA_A,
  fileName: 'tasmota32-14.4.0.bin',
  size: 1000,
  family: 'tasmota',
  format: 'esp-image',
  kind: 'ota',
  chip: 'ESP32',
  app: null,
  project: 'tasmota',
  models: [],
  version: '14.4.0',
  versionSource: 'header',
  fwId: null,
  build: null,
  notes: '',
  notices: [],
  importedAt: 1,
  present: true,
};
const spec = JobSpecSchema.parse({
  version: 1,
  name: 'Hall update',
  targets: { groupIds: [hall.id] },
  steps: [{ action: 'firmware-update', images: [SHA_A] }],
  policy: {},
});

describe('templates that travel between installs', () => {
  let db: Db;
  let here: TemplateSurroundings;
  let service: TemplateService;
  beforeEach(() => {
    db = openDatabase({ file: ':memory:', logger: silentLogger, now: () => 1 });
    here = { groups: [hall], images: [esp32] };
    let counter = 0;
    service = new TemplateService({
      repo: new TemplateRepository(db),
      ids: { next: (prefix) => `${prefix}_${String(++counter).padStart(8, '0')}` },
      clock: { now: () => 5 },
      here: () => here,
    });
  });
  afterEach(() => db.close());

  it('keeps what each group id and image hash stands for with every version, and in its files', () => {
    const saved = service.save({ name: 'Hall', spec, note: '' });
    const refs = {
      groups: { [hall.id]: { kind: 'smart', name: 'Hall plugs', filter: { families: ['tasmota'] } } },
      images: {
        [SHA_A]: {
          family: 'tasmota',
          chip: 'ESP32',
          app: null,
          version: '14.4.0',
          kind: 'ota',
          fileName: 'tasmota32-14.4.0.bin',
        },
      },
    };
    expect(saved.refs).toEqual(refs);
    here = { groups: [], images: [] };
    expect(service.get(saved.templateId).refs).toEqual(refs);
    expect(service.restore(saved.templateId, 1).refs).toEqual(refs);
    expect(JSON.parse(service.export(saved.templateId, undefined, 'json').content)).toMatchObject({
      fieldbatchTemplate: 2,
      refs,
    });
  });

  it('imported on another install, finds the group by name and the image by metadata, and names what is not there', () => {
    const file = service.export(service.save({ name: 'Hall', spec, note: '' }).templateId, undefined, 'yaml');
    here = {
      groups: [{ ...hall, id: 'grp_other001' as GroupId }],
      images: [{ ...esp32, sha256: SHA_B, fileName: 'tasmota32.bin' }],
    };
    const imported = service.import(file.content);
    expect(imported.spec.targets.groupIds).toEqual(['grp_other001']);
    expect(imported.spec.steps[0]).toMatchObject({ images: [SHA_B] });
    expect(imported.problems.map((p) => p.kind)).toEqual(['image-substituted']);

    here = { groups: [], images: [] };
    expect(service.load(imported.template.templateId).problems.map((p) => p.message)).toEqual([
      "Group 'Hall plugs' does not exist here; create it from the template's filter?",
      'No Tasmota image for ESP32 14.4.0 in the library: import tasmota32-14.4.0.bin',
    ]);
  });

  it('reads a version stored before references were kept, describing what this install still has', () => {
    const saved = service.save({ name: 'Hall', spec, note: '' });
    db.prepare('UPDATE template_versions SET refs_json = NULL').run();
    expect(service.get(saved.templateId).refs.groups[hall.id]).toMatchObject({ name: 'Hall plugs' });
    expect(service.load(saved.templateId).problems).toEqual([]);

    here = { groups: [], images: [esp32] };
    expect(service.load(saved.templateId).problems).toMatchObject([
      { kind: 'group-missing', groupId: hall.id, group: null },
    ]);
  });

  it('imports a format 1 file (no references) against this install', () => {
    const file = JSON.stringify({ fieldbatchTemplate: 1, name: 'Old', spec });
    const imported = service.import(file);
    expect(imported.problems).toEqual([]);
    expect(imported.template.refs.groups[hall.id]).toMatchObject({ name: 'Hall plugs' });
  });
});

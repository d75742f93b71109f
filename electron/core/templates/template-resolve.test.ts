import { describe, expect, it } from 'vitest';
import type { FirmwareImage } from '../../../shared/domain/firmware';
import type { Group, GroupId } from '../../../shared/domain/group';
import { JobSpecSchema, type JobSpec } from '../../../shared/domain/job';
import {
  TemplateRefsSchema,
  type TemplateGroupRef,
  type TemplateRefs,
} from '../../../shared/domain/template-refs';
import { resolveTemplate } from './template-resolve';

const SHA_A = 'a'.repeat(64);
const SHA_B = 'b'.repeat(64);
const SHA_C = 'c'.repeat(64);
const gid = (s: string) => s as GroupId;

function image(sha256: string, patch: Partial<FirmwareImage> = {}): FirmwareImage {
  return {
    sha256,
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
    ...patch,
  };
}

const hallFilter = { families: ['shelly' as const], firmware: '<1.5' };
const hallPlugs: TemplateGroupRef = { kind: 'smart', name: 'Hall plugs', filter: hallFilter };

function smartGroup(id: string, name: string, filter: object): Group {
  return { kind: 'smart', id: gid(id), name, filter, createdAt: 1, updatedAt: 1 };
}

function spec(groupIds: string[], images: string[][] = []): JobSpec {
  return JobSpecSchema.parse({
    version: 1,
    name: 'Rollout',
    targets: { deviceIds: ['mac:a8032ab12345'], groupIds },
    steps: [...images.map((i) => ({ action: 'firmware-update', images: i })), { action: 'reboot' }],
    policy: {},
  });
}

const refs = (patch: object): TemplateRefs => TemplateRefsSchema.parse({ groups: {}, images: {}, ...patch });

describe('resolving a template on this install', () => {
  it('uses the group of the same name and filter, whatever its id here', () => {
    const here = {
      groups: [smartGroup('grp_local001', 'hall plugs', { firmware: '<1.5', families: ['shelly'] })],
      images: [],
    };
    const result = resolveTemplate(
      spec(['grp_foreign1']),
      refs({ groups: { [gid('grp_foreign1')]: hallPlugs } }),
      here,
    );
    expect(result.problems).toEqual([]);
    expect(result.spec.targets.groupIds).toEqual(['grp_local001']);
  });

  it('uses a group of the same name with another filter, and says so', () => {
    const here = {
      groups: [smartGroup('grp_local001', 'Hall plugs', { families: ['tasmota'] })],
      images: [],
    };
    const result = resolveTemplate(
      spec(['grp_foreign1']),
      refs({ groups: { [gid('grp_foreign1')]: hallPlugs } }),
      here,
    );
    expect(result.spec.targets.groupIds).toEqual(['grp_local001']);
    expect(result.problems).toEqual([
      {
        kind: 'group-differs',
        groupId: 'grp_foreign1',
        localGroupId: 'grp_local001',
        group: hallPlugs,
        message:
          "Group 'Hall plugs' here is not the template's: its filter differs; this install's group is used",
      },
    ]);
  });

  it('offers to create a missing smart group from its filter, and a fixed one from its devices', () => {
    const fixed = {
      kind: 'static',
      name: 'Porch',
      deviceIds: ['mac:a8032ab12345', 'mac:a8032ab12346'],
    } as const;
    const template = refs({
      groups: { [gid('grp_foreign1')]: hallPlugs, [gid('grp_foreign2')]: fixed },
    });
    const result = resolveTemplate(spec(['grp_foreign1', 'grp_foreign2']), template, {
      groups: [],
      images: [],
    });
    expect(result.spec.targets.groupIds).toEqual(['grp_foreign1', 'grp_foreign2']);
    expect(result.problems).toEqual([
      {
        kind: 'group-missing',
        groupId: 'grp_foreign1',
        group: hallPlugs,
        message: "Group 'Hall plugs' does not exist here; create it from the template's filter?",
      },
      {
        kind: 'group-missing',
        groupId: 'grp_foreign2',
        group: fixed,
        message: "Group 'Porch' does not exist here; create it from the template's 2 devices?",
      },
    ]);
  });

  it('matches a fixed group by its members in any order, and tells other members apart', () => {
    const fixed = {
      kind: 'static',
      name: 'Porch',
      deviceIds: ['mac:a8032ab12345', 'mac:a8032ab12346'],
    } as const;
    const template = refs({ groups: { [gid('grp_foreign2')]: fixed } });
    const group = (deviceIds: string[]): Group =>
      ({
        kind: 'static',
        id: gid('grp_local002'),
        name: 'Porch',
        deviceIds,
        createdAt: 1,
        updatedAt: 1,
      }) as Group;
    const same = resolveTemplate(spec(['grp_foreign2']), template, {
      groups: [group(['mac:a8032ab12346', 'mac:a8032ab12345'])],
      images: [],
    });
    expect(same.problems).toEqual([]);
    const other = resolveTemplate(spec(['grp_foreign2']), template, {
      groups: [group(['mac:a8032ab12345'])],
      images: [],
    });
    expect(other.problems.map((p) => p.message)).toEqual([
      "Group 'Porch' here is not the template's: its members differ; this install's group is used",
    ]);
  });

  it('keeps a group renamed here since the template was saved (same id and filter)', () => {
    const here = { groups: [smartGroup('grp_local001', 'Corridor plugs', hallFilter)], images: [] };
    const result = resolveTemplate(
      spec(['grp_local001']),
      refs({ groups: { [gid('grp_local001')]: hallPlugs } }),
      here,
    );
    expect(result).toMatchObject({ problems: [], spec: { targets: { groupIds: ['grp_local001'] } } });
  });

  it('reads a template saved before names were kept: its groups by id here, or missing without a name', () => {
    const here = { groups: [smartGroup('grp_local001', 'Hall plugs', hallFilter)], images: [] };
    const result = resolveTemplate(spec(['grp_local001', 'grp_deleted1']), refs({}), here);
    expect(result.spec.targets.groupIds).toEqual(['grp_local001', 'grp_deleted1']);
    expect(result.problems).toEqual([
      {
        kind: 'group-missing',
        groupId: 'grp_deleted1',
        group: null,
        message:
          'A group of this template no longer exists, and the template was saved before templates kept group names: choose its groups again',
      },
    ]);
  });

  it('finds an image by its bytes first', () => {
    const here = { groups: [], images: [image(SHA_A)] };
    const result = resolveTemplate(spec([], [[SHA_A]]), refs({}), here);
    expect(result.problems).toEqual([]);
    expect(result.spec.steps[0]).toEqual({
      action: 'firmware-update',
      images: [SHA_A],
      allowDowngrade: false,
    });
  });

  it('offers a different file with the same family, chip and version, with a notice', () => {
    const ref = {
      family: 'tasmota',
      chip: 'ESP32',
      app: null,
      version: '14.4.0',
      kind: 'ota',
      fileName: 'tasmota32.bin',
    } as const;
    const here = {
      groups: [],
      images: [image(SHA_C, { chip: 'ESP32-C3' }), image(SHA_B, { chip: 'esp32' })],
    };
    const result = resolveTemplate(spec([], [[SHA_A], [SHA_A]]), refs({ images: { [SHA_A]: ref } }), here);
    expect(result.spec.steps.slice(0, 2)).toEqual([
      { action: 'firmware-update', images: [SHA_B], allowDowngrade: false },
      { action: 'firmware-update', images: [SHA_B], allowDowngrade: false },
    ]);
    expect(result.problems).toEqual([
      {
        kind: 'image-substituted',
        sha256: SHA_A,
        localSha256: SHA_B,
        image: ref,
        message:
          "Tasmota image for ESP32 14.4.0: the library's tasmota32-14.4.0.bin is used instead of the template's tasmota32.bin (same family, chip and version, but not the same file)",
      },
    ]);
  });

  it('matches Shelly images by app, and never swaps an update image for a factory one', () => {
    const shelly = {
      family: 'shelly',
      chip: null,
      app: 'Plus1PM',
      version: '1.6.0',
      kind: 'ota',
      fileName: 'Plus1PM.zip',
    } as const;
    const factory = {
      family: 'tasmota',
      chip: 'ESP32',
      app: null,
      version: '14.4.0',
      kind: 'factory',
      fileName: 't.factory.bin',
    } as const;
    const here = {
      groups: [],
      images: [
        image(SHA_B),
        image(SHA_C, { family: 'shelly', chip: null, app: 'Plus1PM', version: '1.6.0', fileName: 'fw.zip' }),
      ],
    };
    const result = resolveTemplate(
      spec([], [['d'.repeat(64), 'e'.repeat(64)]]),
      refs({ images: { ['d'.repeat(64)]: shelly, ['e'.repeat(64)]: factory } }),
      here,
    );
    expect(result.spec.steps[0]).toMatchObject({ images: [SHA_C, 'e'.repeat(64)] });
    expect(result.problems.map((p) => [p.kind, p.message])).toEqual([
      [
        'image-substituted',
        expect.stringMatching(/^Shelly image for Plus1PM 1\.6\.0: .* \(same family, app and version/),
      ],
      ['image-missing', 'No Tasmota factory image for ESP32 14.4.0 in the library: import t.factory.bin'],
    ]);
  });

  it('names a missing image and the file to import; without metadata says what it can', () => {
    const ref = {
      family: 'tasmota',
      chip: 'ESP32',
      app: null,
      version: '14.4.0',
      kind: 'ota',
      fileName: 'tasmota32-14.4.0.bin',
    } as const;
    const result = resolveTemplate(spec([], [[SHA_A, SHA_B]]), refs({ images: { [SHA_A]: ref } }), {
      groups: [],
      images: [],
    });
    expect(result.spec.steps[0]).toMatchObject({ images: [SHA_A, SHA_B] });
    expect(result.problems).toEqual([
      {
        kind: 'image-missing',
        sha256: SHA_A,
        image: ref,
        message: 'No Tasmota image for ESP32 14.4.0 in the library: import tasmota32-14.4.0.bin',
      },
      {
        kind: 'image-missing',
        sha256: SHA_B,
        image: null,
        message:
          'An image of this template (SHA-256 bbbbbbbbbbbb…) is not in the library, and the template was saved before templates kept image names: choose its images again',
      },
    ]);
  });
});

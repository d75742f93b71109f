import type {
  BundleChange,
  BundleConflict,
  BundleDevice,
  BundleItem,
  BundleKind,
  BundleTally,
} from '../../../shared/domain/bundle';
import type { Group } from '../../../shared/domain/group';
import type { JobSpec } from '../../../shared/domain/job';
import type { BundleContent } from './bundle-content';

/** What this install holds now, as far as an import compares. */
export interface BundleHere {
  /** null: no such image; `present: false`: its entry is there, its file is not. */
  image(sha256: string): { present: boolean } | null;
  /** The template's current version, or `invalid` when it no longer validates. */
  template(id: string): { name: string; spec: JobSpec } | 'invalid' | null;
  groups(): Group[];
  device(id: string): Pick<BundleDevice, 'customName' | 'tags' | 'notes' | 'neverTouch'> | null;
}

export interface BundlePlan {
  items: BundleItem[];
  conflicts: BundleConflict[];
  tally: BundleTally;
}

const canonical = (value: unknown) => JSON.stringify(value);

function groupBody(group: Group): string {
  return canonical(
    group.kind === 'static'
      ? { kind: group.kind, name: group.name, members: [...group.deviceIds].sort() }
      : { kind: group.kind, name: group.name, filter: group.filter },
  );
}

function item(kind: BundleKind, key: string, name: string, change: BundleChange, detail = ''): BundleItem {
  return { kind, key, name, change, detail: change === 'unchanged' ? '' : detail };
}

/** Compares a verified bundle with this install: per item added, updated or unchanged, and the conflicts. */
export function planImport(content: BundleContent, here: BundleHere): BundlePlan {
  const items: BundleItem[] = [];
  const conflicts: BundleConflict[] = [];
  for (const { meta } of content.images) {
    const found = here.image(meta.sha256);
    const change = !found ? 'added' : found.present ? 'unchanged' : 'updated';
    const name = `${meta.fileName} (${meta.version})`;
    items.push(item('image', meta.sha256, name, change, change === 'added' ? 'new image' : 'file restored'));
  }
  for (const t of content.templates) {
    const local = here.template(t.id);
    const same =
      local && local !== 'invalid' && local.name === t.name && canonical(local.spec) === canonical(t.spec);
    const change = !local ? 'added' : same ? 'unchanged' : 'updated';
    items.push(
      item('template', t.id, t.name, change, change === 'added' ? 'new template' : 'a new version is added'),
    );
  }
  const localGroups = here.groups();
  for (const g of content.groups) {
    const local = localGroups.find((l) => l.id === g.id);
    const change = !local ? 'added' : groupBody(local) === groupBody(g) ? 'unchanged' : 'updated';
    items.push(
      item(
        'group',
        g.id,
        g.name,
        change,
        change === 'added' ? 'new group' : 'name, members or filter replaced',
      ),
    );
    const namesake = localGroups.find((l) => l.id !== g.id && l.name === g.name);
    if (namesake) {
      conflicts.push({
        kind: 'group',
        key: g.id,
        message: `a different group here is also named "${g.name}"; both are kept`,
      });
    }
  }
  const bundled = new Set(content.devices.map((d) => d.id as string));
  for (const g of content.groups) {
    if (g.kind !== 'static') continue;
    const absent = g.deviceIds.filter((id) => !bundled.has(id) && !here.device(id)).length;
    if (absent > 0) {
      conflicts.push({
        kind: 'group',
        key: g.id,
        message: `${absent} member(s) of "${g.name}" are not in this inventory and are left out`,
      });
    }
  }
  for (const d of content.devices) {
    const local = here.device(d.id);
    const same =
      local &&
      local.customName === d.customName &&
      local.notes === d.notes &&
      local.neverTouch === d.neverTouch &&
      canonical([...local.tags].sort()) === canonical([...d.tags].sort());
    const change = !local ? 'added' : same ? 'unchanged' : 'updated';
    const name = d.customName ?? d.name ?? d.id;
    items.push(
      item(
        'device',
        d.id,
        name,
        change,
        change === 'added' ? 'new, not seen yet' : 'name, tags, notes or "never touch" from the office',
      ),
    );
  }
  return { items, conflicts, tally: tallyOf(items) };
}

function tallyOf(items: readonly BundleItem[]): BundleTally {
  const zero = () => ({ added: 0, updated: 0, unchanged: 0 });
  const tally: BundleTally = { image: zero(), template: zero(), group: zero(), device: zero() };
  for (const i of items) tally[i.kind][i.change] += 1;
  return tally;
}

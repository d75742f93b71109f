import type { Group } from '../../../../shared/domain/group';
import type { TemplateGroupRef } from '../../../../shared/domain/template-refs';
import { invoke } from '../../api/client';
import { groupSaved } from '../../stores/groups-store';
import { reportError } from '../command-errors';

/**
 * Creates the group a template describes (a smart group from its filter, a fixed one from its members; members
 * not in this inventory are left out by main). Null when main refused, after saying why.
 */
export async function createGroupFromTemplate(ref: TemplateGroupRef): Promise<Group | null> {
  try {
    const group = await invoke('groups.create', ref);
    groupSaved(group);
    return group;
  } catch (error) {
    reportError(error);
    return null;
  }
}

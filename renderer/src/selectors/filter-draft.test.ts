import { describe, expect, it } from 'vitest';
import { draftToFilter, EMPTY_DRAFT, filterToDraft } from './filter-draft';

describe('filter drafts', () => {
  it('turns the controls into a DeviceFilter, leaving out what is unset', () => {
    const { filter, errors } = draftToFilter({
      ...EMPTY_DRAFT,
      text: 'kitchen',
      families: ['tasmota'],
      online: 'offline',
      firmware: ' <14.0.0 ',
      tags: 'roof, building-2 ,',
      models: '',
    });
    expect(errors).toEqual({});
    expect(filter).toEqual({
      text: 'kitchen',
      families: ['tasmota'],
      online: false,
      firmware: '<14.0.0',
      tags: ['roof', 'building-2'],
    });
  });

  it("reports an invalid firmware range with the contract schema's message and leaves it out", () => {
    const { filter, errors } = draftToFilter({ ...EMPTY_DRAFT, firmware: 'newest', online: 'online' });
    expect(errors.firmware).toBe('not a version range (try "<14.0.0" or ">=1.4 <1.5")');
    expect(filter).toEqual({ online: true });
  });

  it('names the tag that is not a valid tag', () => {
    const { errors } = draftToFilter({ ...EMPTY_DRAFT, tags: 'roof, bad#tag' });
    expect(errors.tags).toBe('"bad#tag": tags use letters, digits, space and _ . : / -');
  });

  it('round-trips a saved filter through the editor', () => {
    const saved = { families: ['shelly' as const], firmware: '>=1.4 <1.5', tags: ['roof'], online: true };
    expect(draftToFilter(filterToDraft(saved)).filter).toEqual(saved);
  });

  it('returns the same filter object for the same draft (memoised selectors rely on it)', () => {
    const draft = { ...EMPTY_DRAFT, text: 'x' };
    expect(draftToFilter(draft).filter).toBe(draftToFilter(draft).filter);
  });
});

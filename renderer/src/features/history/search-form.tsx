import { useState, type FormEvent } from 'react';
import { deviceLabel } from '../../../../shared/domain/device';
import { MAX_SEARCH_TEXT } from '../../../../shared/domain/history';
import type { ExecutionState } from '../../../../shared/domain/job';
import { TERMINAL_EXECUTION_STATES } from '../../../../shared/domain/job-rules';
import { ChipGroup } from '../../components/chip-group';
import { useDevicesById } from '../../stores/devices-store';
import { useGroups } from '../../stores/groups-store';
import { EMPTY_FILTERS, useHistory, type HistoryFilters } from '../../stores/history-store';
import { searchHistory } from './history-intents';

/** History is searched by how runs ended: live states (queued, running…) are not offered. */
const OUTCOMES: readonly ExecutionState[] = TERMINAL_EXECUTION_STATES;
const outcomeLabel = (state: ExecutionState) => state.replace('-', ' ');

/** Words, device, group, dates and outcomes; the search runs on submit (Enter) or when a choice changes. */
export function SearchForm() {
  const filters = useHistory((s) => s.filters);
  const [text, setText] = useState(filters.text);
  const devices = useDevicesById();
  const groups = useGroups();
  const sortedDevices = [...devices.values()]
    .map((d) => ({ id: d.id, label: deviceLabel(d) }))
    .sort((a, b) => a.label.localeCompare(b.label));
  const change = (c: Partial<HistoryFilters>) => void searchHistory({ ...c, text });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void searchHistory({ text });
  };
  const wrongDays = filters.fromDay !== '' && filters.toDay !== '' && filters.fromDay > filters.toDay;
  return (
    <form className="history-search" role="search" aria-label="Search history" onSubmit={submit}>
      <label>
        Words
        <input
          type="search"
          value={text}
          maxLength={MAX_SEARCH_TEXT}
          placeholder="device, job, reason, log text…"
          onChange={(e) => setText(e.target.value)}
        />
      </label>
      <label>
        Device
        <select value={filters.deviceId} onChange={(e) => change({ deviceId: e.target.value })}>
          <option value="">Any device</option>
          {sortedDevices.map((d) => (
            <option key={d.id} value={d.id}>
              {d.label}
            </option>
          ))}
        </select>
      </label>
      <label>
        Group
        <select value={filters.groupId} onChange={(e) => change({ groupId: e.target.value })}>
          <option value="">Any group</option>
          {groups.map((g) => (
            <option key={g.id} value={g.id}>
              {g.name}
            </option>
          ))}
        </select>
      </label>
      <div className="history-dates">
        <label>
          From
          <input type="date" value={filters.fromDay} onChange={(e) => change({ fromDay: e.target.value })} />
        </label>
        <label>
          To
          <input type="date" value={filters.toDay} onChange={(e) => change({ toDay: e.target.value })} />
        </label>
      </div>
      {wrongDays && <p className="error-text">The first day is after the last day.</p>}
      <ChipGroup
        legend="Outcome"
        options={OUTCOMES}
        chosen={filters.outcomes}
        onChange={(outcomes) => change({ outcomes })}
        labelOf={outcomeLabel}
      />
      <div className="form-buttons">
        <button type="submit" className="primary">
          Search
        </button>
        <button
          type="button"
          onClick={() => {
            setText('');
            void searchHistory(EMPTY_FILTERS);
          }}
        >
          Clear
        </button>
      </div>
    </form>
  );
}

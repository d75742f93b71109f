import type { JobSettings } from '../../../../shared/domain/job-settings';
import { useJobSettings } from '../../stores/jobs-store';
import { updateJobSettings } from './job-actions';

/** What happens to unfinished jobs when Fieldbatch starts again after a crash. */
export function JobSettingsForm() {
  const settings = useJobSettings();
  if (!settings) return null;
  return (
    <div className="field">
      <label htmlFor="resume-after-crash">After a crash</label>
      <select
        id="resume-after-crash"
        value={settings.resumeAfterCrash}
        onChange={(e) =>
          void updateJobSettings({ resumeAfterCrash: e.target.value as JobSettings['resumeAfterCrash'] })
        }
      >
        <option value="auto">resume unfinished jobs at once</option>
        <option value="ask">leave them paused until I resume</option>
      </select>
      <span className="hint">
        Steps that were in flight are checked on the device before anything is repeated.
      </span>
    </div>
  );
}

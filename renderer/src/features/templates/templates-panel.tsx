import { TemplateHistory } from './template-history';
import { TemplateImport } from './template-import';
import { TemplateList } from './template-list';

/** Saved jobs with their version history: compare, restore, export and import as JSON or YAML. */
export function TemplatesPanel() {
  return (
    <section className="panel templates-panel" aria-labelledby="templates-title">
      <header className="panel-header">
        <h2 id="templates-title">Templates</h2>
      </header>
      <p className="hint">
        A template is a saved job. Every save adds a version; old versions stay and can be compared or made
        current again.
      </p>
      <div className="discovery-columns">
        <section className="discovery-section" aria-labelledby="templates-list-title">
          <h3 id="templates-list-title">Saved templates</h3>
          <TemplateList />
        </section>
        <TemplateImport />
      </div>
      <TemplateHistory />
    </section>
  );
}

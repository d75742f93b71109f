import './bundle.css';
import { BundleExport } from './bundle-export';
import { BundleImport } from './bundle-import';

/** Site bundles: export at the office, import on site (docs/site-bundle.md). */
export function BundlePanel() {
  return (
    <section className="panel bundle-panel" aria-labelledby="bundle-title">
      <header className="panel-header">
        <h2 id="bundle-title">Site bundle</h2>
      </header>
      <div className="bundle-columns">
        <BundleExport />
        <BundleImport />
      </div>
    </section>
  );
}

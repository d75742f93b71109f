import { BrokersSection } from './brokers-section';
import { CsvImport } from './csv-import';
import { ManualAddForm } from './manual-add-form';
import { MdnsSettings } from './mdns-settings';
import { RangeScanForm } from './range-scan-form';
import { SerialPortsSection } from './serial-ports-section';
import { SiteBrokerSection } from './site-broker-section';
import { SourcesSection } from './sources-section';
import { UnidentifiedSection } from './unidentified-section';

/** Every way devices get into the inventory: sources and their settings, and the manual ways. */
export function DiscoveryPanel() {
  return (
    <section className="panel discovery-panel" aria-labelledby="discovery-title">
      <header className="panel-header">
        <h2 id="discovery-title">Discovery</h2>
      </header>
      <div className="discovery-columns">
        <div>
          <SourcesSection />
          {/* Brokers first after the sources: a technician looking for a broker finds it without scrolling. */}
          <BrokersSection />
          <SiteBrokerSection />
          <UnidentifiedSection />
          <MdnsSettings />
          <SerialPortsSection />
        </div>
        <div>
          <ManualAddForm />
          <RangeScanForm />
          <CsvImport />
        </div>
      </div>
    </section>
  );
}

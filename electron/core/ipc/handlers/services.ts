import type { SerialPortStatus } from '../../../../shared/domain/discovery';
import type { AppInfo } from '../../../../shared/ipc/contract';
import type { ArtifactStore } from '../../artifacts/artifact-store';
import type { BrokerService } from '../../broker/broker-service';
import type { AuditLog } from '../../audit/audit-log';
import type { AuditReader } from '../../audit/audit-reader';
import type { OperatorSession } from '../../audit/operator-session';
import type { CredentialService } from '../../credentials/credential-service';
import type { DiscoveryService } from '../../discovery/discovery-service';
import type { CsvImporter } from '../../discovery/manual/csv-importer';
import type { ManualSource } from '../../discovery/sources/manual-source';
import type { GroupService } from '../../groups/group-service';
import type { InventoryService } from '../../inventory/inventory-service';
import type { JobEngine } from '../../jobs/job-engine';
import type { JobPlanner } from '../../jobs/job-planner';
import type { TemplateService } from '../../templates/template-service';
import type { DiscoverySettingsService } from '../../settings/discovery-settings-service';
import type { FirmwareLibrary } from '../../firmware/firmware-library';
import type { FirmwareServer } from '../../firmware/firmware-server';
import type { HistoryService } from '../../history/history-service';
import type { RetentionService } from '../../history/retention-service';
import type { SyncSettingsService } from '../../sync/sync-settings-service';
import type { ReportService } from '../../reports/report-service';
import type { SiteBundleService } from '../../bundle/site-bundle-service';

/** Probes a serial port for a device console (the serial discovery source). */
export interface SerialProber {
  probe(path: string, baudRate: number): Promise<SerialPortStatus>;
}

/** Everything the handlers call; built once by the composition root. */
export interface HandlerServices {
  info: AppInfo;
  inventory: InventoryService;
  groups: GroupService;
  discovery: DiscoveryService;
  settings: DiscoverySettingsService;
  manual: ManualSource;
  csv: CsvImporter;
  serial: SerialProber;
  credentials: CredentialService;
  artifacts: ArtifactStore;
  jobs: JobEngine;
  planner: JobPlanner;
  templates: TemplateService;
  firmwareLibrary: FirmwareLibrary;
  firmwareServer: FirmwareServer;
  history: HistoryService;
  retention: RetentionService;
  audit: AuditLog;
  auditReader: AuditReader;
  session: OperatorSession;
  broker: BrokerService;
  sync: SyncSettingsService;
  bundles: SiteBundleService;
  reports: ReportService;
}

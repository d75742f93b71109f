import { migration0001Init } from './0001-init';
import { migration0002Inventory } from './0002-inventory';
import { migration0003StepResults } from './0003-step-results';
import { migration0004JobRuns } from './0004-job-runs';
import { migration0005Templates } from './0005-templates';
import { migration0006JobAnnouncements } from './0006-job-announcements';
import { migration0007FirmwareImageHeaders } from './0007-firmware-image-headers';
import { migration0008DeviceChip } from './0008-device-chip';
import { migration0009TemplateRefs } from './0009-template-refs';
import { migration0010BrokerUrlCredentials } from './0010-broker-url-credentials';
import { migration0011SyncOutbox } from './0011-sync-outbox';
import { migration0012Audit } from './0012-audit';
import { migration0013History } from './0013-history';
import { migration0014ReportVersions } from './0014-report-versions';
import type { Migration } from './migration';

/** Every migration, in order. Append new ones at the end; never edit or reorder released ones. */
export const MIGRATIONS: readonly Migration[] = [
  migration0001Init,
  migration0002Inventory,
  migration0003StepResults,
  migration0004JobRuns,
  migration0005Templates,
  migration0006JobAnnouncements,
  migration0007FirmwareImageHeaders,
  migration0008DeviceChip,
  migration0009TemplateRefs,
  migration0010BrokerUrlCredentials,
  migration0011SyncOutbox,
  migration0012Audit,
  migration0013History,
  migration0014ReportVersions,
];

import { describeJobStoreConformance } from '../../../test-support/jobs/job-store-conformance';
import { InMemoryJobStore } from './in-memory-job-store';

describeJobStoreConformance('in memory', () => ({ store: new InMemoryJobStore() }));

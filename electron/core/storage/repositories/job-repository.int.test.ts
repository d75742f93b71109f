import { describeJobStoreConformance } from '../../../../test-support/jobs/job-store-conformance';
import { silentLogger } from '../../logging/json-logger';
import { openDatabase } from '../database';
import { JobRepository } from './job-repository';

describeJobStoreConformance('SQLite', () => {
  const db = openDatabase({ file: ':memory:', logger: silentLogger, now: () => 1 });
  return { store: new JobRepository(db), close: () => db.close() };
});

import { describe, expect, it } from 'vitest';
import type { AuditEntry } from '../../../../shared/domain/audit';
import { detailWords, tallyWords } from './audit-detail-words';

const entry = (action: string, target: string, details: AuditEntry['details']): AuditEntry => ({
  seq: 1,
  at: 1,
  operator: 'Ana',
  host: 'vm',
  action,
  target,
  jobId: null,
  outcome: 'ok',
  details,
  prevHash: '0'.repeat(64),
  hash: '1'.repeat(64),
});

describe('audit details in words', () => {
  it('names settings in words with their units', () => {
    const retention = entry('history.setRetention', 'history retention', {
      keepDays: 30,
      maxArtifactMb: 100,
      fields: ['keepDays', 'maxArtifactMb'],
      result: {},
    });
    expect(detailWords(retention)).toBe('keep history: 30 days · files kept up to: 100 MB');
    expect(detailWords(entry('history.setRetention', 'x', { keepDays: null }))).toBe(
      'keep history: no limit',
    );
  });

  it('hides upload handles and other internal ids', () => {
    const upload = entry('firmware.finishUpload', 'Plus1PM-1.7.0.zip (c1d1b47f97f0)', {
      uploadId: 'upl_00mxe50r2i6ahodvcg1uci',
      fields: ['uploadId'],
      result: { duplicate: false },
    });
    expect(detailWords(upload)).toBe('');
    expect(detailWords(entry('jobs.retryFailed', 'x', { newJobId: 'job_00mxe4olb6urc38a8h1zuf' }))).toBe('');
    const started = entry('jobs.start', 'Hall', {
      devices: { count: 2, first: ['mac:3c61052d70af', 'mac:98a316b98599'] },
      groups: { count: 1, first: ['grp_00mxe5rx2yp0aaaa'] },
    });
    expect(detailWords(started)).toBe('devices: 2 (mac:3c61052d70af, mac:98a316b98599) · groups: 1');
  });

  it("summarises a bundle's tally in one short phrase", () => {
    const tally = {
      image: { added: 1, updated: 0, unchanged: 9 },
      template: { added: 1, updated: 0, unchanged: 0 },
      group: { added: 0, updated: 2, unchanged: 0 },
      device: { added: 0, updated: 0, unchanged: 0 },
    };
    expect(tallyWords(tally)).toBe('1 image, 1 template added · 2 groups updated · 9 images unchanged');
    const imported = entry('bundle.import', 'bundle 4f983f44b59f', {
      uploadId: 'upl_00mxe50xqxpgg5xne9s2jd',
      trustSigner: false,
      signer: '60cf 69a9 ccd8 03c9 0714 6729 6343 8604',
      tally,
    });
    expect(detailWords(imported)).toBe(
      'signer trusted: no · signer: 60cf 69a9 ccd8 03c9 … · imported: 1 image, 1 template added · 2 groups updated · 9 images unchanged',
    );
  });

  it('reads an unnamed detail as words rather than code', () => {
    expect(detailWords(entry('x.y', 't', { topicPrefix: 'site/a', nested: { maxRetries: 3 } }))).toBe(
      'topic prefix: site/a · nested: max retries 3',
    );
  });
});

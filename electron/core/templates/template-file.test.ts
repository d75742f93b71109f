import { describe, expect, it } from 'vitest';
import { JobSpecSchema } from '../../../shared/domain/job';
import { jsonDiff } from './json-diff';
import { exportTemplate, importTemplate } from './template-file';

const spec = JobSpecSchema.parse({
  version: 1,
  name: 'Update plugs',
  targets: { deviceIds: ['mac:a8032ab12345'] },
  steps: [{ action: 'reboot' }],
  policy: { concurrency: 5 },
});

describe('template files', () => {
  it.each(['json', 'yaml'] as const)('round-trips through %s', (format) => {
    const text = exportTemplate('Plugs', spec, format);
    expect(importTemplate(text)).toEqual({ ok: true, name: 'Plugs', spec });
  });

  it('points at the exact field and line of a YAML mistake', () => {
    const text = exportTemplate('Plugs', spec, 'yaml').replace('concurrency: 5', 'concurrency: -3');
    const result = importTemplate(text);
    expect(result.ok).toBe(false);
    const issue = (result as { issues: { path: string; line: number | null }[] }).issues[0]!;
    expect(issue.path).toBe('spec.policy.concurrency');
    expect(text.split('\n')[issue.line! - 1]).toContain('concurrency: -3');
  });

  it('reports unknown steps, missing fields and syntax errors clearly', () => {
    const bad = JSON.stringify({
      fieldbatchTemplate: 1,
      name: 'x',
      spec: { ...spec, steps: [{ action: 'format-disk' }] },
    });
    expect(importTemplate(bad)).toMatchObject({ ok: false, issues: [{ path: 'spec.steps.0.action' }] });
    expect(importTemplate('{"fieldbatchTemplate": 1, "name": "x"}')).toMatchObject({
      ok: false,
      issues: [{ path: 'spec' }],
    });
    expect(importTemplate('name: [unclosed')).toMatchObject({
      ok: false,
      issues: [{ path: '(file)', line: 1 }],
    });
    expect(importTemplate('a: 1\na: 2\n')).toMatchObject({ ok: false });
  });
});

describe('jsonDiff', () => {
  it('lists leaf changes with dotted paths', () => {
    expect(jsonDiff({ a: 1, b: { c: [1, 2] } }, { a: 1, b: { c: [1, 3, 4] }, d: true })).toEqual([
      { path: 'b.c.1', before: 2, after: 3 },
      { path: 'b.c.2', before: undefined, after: 4 },
      { path: 'd', before: undefined, after: true },
    ]);
    expect(jsonDiff({ a: 1 }, { a: 1 })).toEqual([]);
  });
});

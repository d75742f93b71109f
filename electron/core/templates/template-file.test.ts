import { describe, expect, it } from 'vitest';
import { JobSpecSchema } from '../../../shared/domain/job';
import { EMPTY_TEMPLATE_REFS } from '../../../shared/domain/template-refs';
import { jsonDiff } from './json-diff';
import { exportTemplate, importTemplate } from './template-file';
import { lineOf, plugRollout } from '../../../test-support/templates/template-test-specs';

const spec = JobSpecSchema.parse({
  version: 1,
  name: 'Update plugs',
  targets: { deviceIds: ['mac:a8032ab12345'] },
  steps: [{ action: 'reboot' }],
  policy: { concurrency: 5 },
});

describe('template files', () => {
  it.each(['json', 'yaml'] as const)('round-trips through %s', (format) => {
    const text = exportTemplate({ name: 'Plugs', spec, refs: EMPTY_TEMPLATE_REFS }, format);
    expect(importTemplate(text)).toEqual({ ok: true, name: 'Plugs', spec, refs: EMPTY_TEMPLATE_REFS });
  });

  it('points at the exact field and line of a YAML mistake', () => {
    const text = exportTemplate({ name: 'Plugs', spec, refs: EMPTY_TEMPLATE_REFS }, 'yaml').replace(
      'concurrency: 5',
      'concurrency: -3',
    );
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

describe('template file issues', () => {
  const issuesOf = (text: string) => {
    const result = importTemplate(text);
    if (result.ok) throw new Error('expected the file to be refused');
    return result.issues;
  };

  it.each(['json', 'yaml'] as const)('points at a wrong type deep in the policy of a %s file', (format) => {
    const text = exportTemplate(
      { name: 'Plugs', spec: plugRollout, refs: EMPTY_TEMPLATE_REFS },
      format,
    ).replace(/("?max"?: )2/, '$1"three"');
    expect(issuesOf(text)).toEqual([
      {
        path: 'spec.policy.retries.max',
        line: lineOf(text, 'three'),
        message: 'Invalid input: expected number, received string',
      },
    ]);
  });

  it('names each unknown field at its own path and line', () => {
    const text = exportTemplate({ name: 'Plugs', spec: plugRollout, refs: EMPTY_TEMPLATE_REFS }, 'yaml')
      .replace('    concurrency: 5\n', '    concurrency: 5\n    paralel: 3\n')
      .replace('name: Plugs\n', 'name: Plugs\ncolour: red\n');
    expect(issuesOf(text)).toEqual([
      { path: 'colour', line: lineOf(text, 'colour'), message: 'unknown field "colour"' },
      { path: 'spec.policy.paralel', line: lineOf(text, 'paralel'), message: 'unknown field "paralel"' },
    ]);
  });

  it('puts a rule about a whole object at the line of its key', () => {
    const spec = { ...plugRollout, targets: { ...plugRollout.targets, deviceIds: [], groupIds: [] } };
    const text = exportTemplate({ name: 'Plugs', spec, refs: EMPTY_TEMPLATE_REFS }, 'yaml');
    expect(issuesOf(text)).toEqual([
      {
        path: 'spec.targets',
        line: lineOf(text, 'targets:'),
        message: 'choose at least one device or group',
      },
    ]);
  });

  it('puts a missing field at the line of the object that lacks it', () => {
    const text = exportTemplate(
      { name: 'Plugs', spec: plugRollout, refs: EMPTY_TEMPLATE_REFS },
      'json',
    ).replace(/\n\s+"action": "reboot"/, '');
    const [issue] = issuesOf(text);
    expect(issue).toMatchObject({ path: 'spec.steps.1.action' });
    expect(text.split('\n')[issue!.line! - 1]).toBe('      {');
  });

  it('refuses a file that is not a template, and alias bombs', () => {
    expect(issuesOf('{"hello": "world"}')[0]).toEqual({
      path: 'fieldbatchTemplate',
      line: 1,
      message: 'not a Fieldbatch template file (expected "fieldbatchTemplate: 2")',
    });
    const bomb = ['a: &a [1, 1, 1, 1, 1, 1, 1, 1, 1, 1]'];
    for (const [name, prev] of [
      ['b', 'a'],
      ['c', 'b'],
      ['d', 'c'],
    ]) {
      bomb.push(`${name}: &${name} [${Array(10).fill(`*${prev}`).join(', ')}]`);
    }
    expect(issuesOf(bomb.join('\n'))).toEqual([
      { path: '(file)', line: null, message: expect.stringMatching(/alias count/) },
    ]);
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

import './templates.css';
import type { TemplateProblem } from '../../../../shared/domain/template-refs';

export type MissingGroup = Extract<TemplateProblem, { kind: 'group-missing' }>;

const keyOf = (p: TemplateProblem) => ('groupId' in p ? p.groupId : p.sha256);

/**
 * What a template refers to that this install lacks or has differently, in main's words; a missing group the
 * template describes can be created from its filter or members on request.
 */
export function TemplateProblems({
  problems,
  onCreateGroup,
}: {
  problems: readonly TemplateProblem[];
  onCreateGroup: (problem: MissingGroup) => void;
}) {
  if (problems.length === 0) return null;
  const isMissing = problems.some((p) => p.kind.endsWith('missing'));
  return (
    <div role="alert" className="template-problems" aria-label="Template references">
      <p>
        {isMissing
          ? 'Not everything this template uses is here. What is missing is left out of the job until you add it:'
          : 'This template runs with what this install has, which differs from it:'}
      </p>
      <ul>
        {problems.map((problem) => (
          <li key={keyOf(problem)} data-kind={problem.kind}>
            {problem.message}
            {problem.kind === 'group-missing' && problem.group && (
              <>
                {' '}
                <button type="button" onClick={() => onCreateGroup(problem)}>
                  Create group “{problem.group.name}”
                </button>
              </>
            )}
          </li>
        ))}
      </ul>
    </div>
  );
}

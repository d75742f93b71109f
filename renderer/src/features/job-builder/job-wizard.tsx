import { assertNever } from '../../../../shared/util/assert-never';
import { nextPage, previousPage, runDryRun } from './job-builder-intents';
import { startAsked, useJobBuilder, wizardClosed } from './job-builder-store';
import { WIZARD_PAGES, type WizardPage } from './job-draft';
import { DryRunPage } from './dry-run-page';
import { PolicyPage } from './policy-page';
import { StartDialog } from './start-dialog';
import { StepsPage } from './steps-page';
import { TargetsPage } from './targets-page';
import { TemplateBar } from './template-bar';

const PAGE_TITLES: Record<WizardPage, string> = {
  targets: 'Targets',
  steps: 'Steps',
  policy: 'Policy',
  'dry-run': 'Dry run',
};

function Page({ page }: { page: WizardPage }) {
  switch (page) {
    case 'targets':
      return <TargetsPage />;
    case 'steps':
      return <StepsPage />;
    case 'policy':
      return <PolicyPage />;
    case 'dry-run':
      return <DryRunPage />;
    default:
      return assertNever(page, 'wizard page');
  }
}

function WizardButtons({ page }: { page: WizardPage }) {
  const plan = useJobBuilder((s) => s.plan);
  const start = useJobBuilder((s) => s.start);
  const isPlanned = plan.state === 'planned';
  return (
    <div className="form-buttons wizard-buttons">
      {page !== 'targets' && (
        <button type="button" onClick={previousPage}>
          Back
        </button>
      )}
      {(page === 'targets' || page === 'steps') && (
        <button type="button" onClick={nextPage}>
          Next
        </button>
      )}
      {(page === 'policy' || page === 'dry-run') && (
        <button type="button" disabled={plan.state === 'planning'} onClick={() => void runDryRun()}>
          {page === 'policy' ? 'Dry run' : 'Plan again'}
        </button>
      )}
      {page === 'dry-run' && start.state === 'idle' && (
        <button
          type="button"
          className="primary"
          disabled={!isPlanned || plan.plan.runnable === 0}
          onClick={startAsked}
        >
          Start
        </button>
      )}
      <button type="button" className="link" onClick={wizardClosed}>
        Close without starting
      </button>
    </div>
  );
}

/** New job: targets → steps → policy → dry run → start, each page checked by the contract's schema. */
export function JobWizard() {
  const page = useJobBuilder((s) => s.page);
  const plan = useJobBuilder((s) => s.plan);
  const start = useJobBuilder((s) => s.start);
  return (
    <section className="panel job-wizard" aria-labelledby="job-wizard-title">
      <header className="panel-header">
        <h2 id="job-wizard-title">New job</h2>
      </header>
      <TemplateBar />
      <ol className="wizard-pages" aria-label="Wizard pages">
        {WIZARD_PAGES.map((p) => (
          <li key={p} aria-current={p === page ? 'step' : undefined}>
            {PAGE_TITLES[p]}
          </li>
        ))}
      </ol>
      <h3>{PAGE_TITLES[page]}</h3>
      <Page page={page} />
      {page === 'dry-run' && plan.state === 'planned' && start.state !== 'idle' && (
        <StartDialog plan={plan.plan} spec={plan.spec} />
      )}
      <WizardButtons page={page} />
    </section>
  );
}

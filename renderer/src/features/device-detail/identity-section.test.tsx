import { render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { device } from '../../../../test-support/renderer/fixtures';
import { resetAll } from '../../../../test-support/renderer/reset-stores';
import { IdentitySection } from './identity-section';

afterEach(resetAll);

/** The value shown for one fact of the identity list. */
const fact = (term: string) => screen.getByText(term, { selector: 'dt' }).nextElementSibling?.textContent;

describe('identity section', () => {
  it('shows the chip the device reported', () => {
    render(
      <IdentitySection device={device(1, { family: 'tasmota', model: 'Sonoff Basic', chip: 'ESP8266' })} />,
    );
    expect(fact('Chip')).toBe('ESP8266');
  });

  it('says when the device has not reported its chip yet', () => {
    render(<IdentitySection device={device(1)} />);
    expect(fact('Chip')).toBe('not reported yet');
  });
});

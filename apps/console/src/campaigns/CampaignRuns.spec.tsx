import { render, screen, within } from '@testing-library/react';
import type { CampaignRunView } from '@baton/contracts';
import { CampaignRuns } from './CampaignRuns';

const run = (overrides: Partial<CampaignRunView>): CampaignRunView => ({
  id: 'run-1',
  campaign: 'payment-reminders',
  status: 'completed',
  audience: 0,
  started: 0,
  skipped: {},
  failed: 0,
  startedAt: '2026-12-04T09:00:00.000Z',
  finishedAt: '2026-12-04T09:00:05.000Z',
  updatedAt: '2026-12-04T09:00:05.000Z',
  ...overrides,
});

const cell = (row: HTMLElement, label: string) => row.querySelector(`[data-label="${label}"]`)!.textContent;

describe('the runs table', () => {
  it("shows each run's progress: audience read, started, skipped by reason and failed", () => {
    render(
      <CampaignRuns
        runs={[
          run({ id: 'run-2', status: 'running', audience: 300, started: 180, skipped: { opted_out: 4, frequency_cap: 2, some_new_reason: 1 }, failed: 3, finishedAt: null }),
          run({ id: 'run-1', audience: 12, started: 12, skipped: { opted_out: 0 } }),
        ]}
      />,
    );
    const [, running, completed] = within(screen.getByRole('table', { name: 'Runs' })).getAllByRole('row');

    expect(within(running!).getByText('running')).toBeTruthy();
    expect([cell(running!, 'audience'), cell(running!, 'started'), cell(running!, 'failed')]).toEqual(['300', '180', '3']);
    expect(within(running!).getAllByRole('listitem').map((item) => item.textContent)).toEqual(['opted out: 4', 'frequency cap: 2', 'some new reason: 1']);
    expect(cell(running!, 'skipped')).toMatch(/^7/);
    expect(within(running!).getByText(/^running, updated/)).toBeTruthy();

    expect(within(completed!).getByText('completed').className).toContain('badge-success');
    expect(cell(completed!, 'skipped')).toBe('0');
    expect(within(completed!).queryByRole('listitem')).toBeNull();
    expect(within(completed!).getByText(new Date('2026-12-04T09:00:05.000Z').toLocaleString())).toBeTruthy();
  });

  it('says there are no runs yet rather than showing an empty table', () => {
    render(<CampaignRuns runs={[]} />);
    expect(screen.queryByRole('table')).toBeNull();
    expect(screen.getByText(/No runs yet/)).toBeTruthy();
  });
});

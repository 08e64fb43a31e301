import { render, screen, within } from '@testing-library/react';
import type { AgentOverview, QueueOverview } from '@baton/contracts';
import { AgentsTable } from './AgentsTable';
import { QueuesTable } from './QueuesTable';

const queue = (overrides: Partial<QueueOverview>): QueueOverview => ({
  name: 'support',
  title: 'Customer support',
  mode: 'pull',
  configured: true,
  openNow: true,
  waiting: 0,
  claimed: 0,
  longestWaitSeconds: null,
  slaAttainment: null,
  breachedNow: 0,
  ...overrides,
});

const cell = (row: HTMLElement, label: string) => row.querySelector(`[data-label="${label}"]`)!;

describe('the supervisor tables', () => {
  it('shows per queue what waits, the longest wait, SLA attainment and breaches, marking breaches', () => {
    render(
      <QueuesTable
        windowHours={24}
        queues={[
          queue({ waiting: 4, claimed: 2, longestWaitSeconds: 1325, slaAttainment: { percent: 87.5, met: 7, total: 8 }, breachedNow: 1 }),
          queue({ name: 'retention', title: 'retention', configured: false, openNow: false }),
        ]}
      />,
    );
    const [, support, retention] = within(screen.getByRole('table', { name: 'Queues' })).getAllByRole('row');
    expect(['waiting', 'claimed', 'longest wait', 'sla attainment', 'breached now'].map((label) => cell(support!, label).textContent)).toEqual(['4', '2', '22m 05s', '87.5% (7 of 8)', '1']);
    expect(cell(support!, 'breached now').className).toContain('breached');
    expect(within(retention!).getByText('closed')).toBeTruthy();
    expect(within(retention!).getByText(/not configured/)).toBeTruthy();
    expect(cell(retention!, 'sla attainment').textContent).toBe('—');
    expect(cell(retention!, 'breached now').className).not.toContain('breached');
  });

  it("shows each agent's presence, for how long, and load against capacity, marking a full agent", () => {
    const agent = (overrides: Partial<AgentOverview>): AgentOverview => ({
      id: 'a',
      name: 'Alice',
      presence: 'available',
      presenceSince: '2026-12-04T10:00:00Z',
      capacity: 3,
      load: { claimed: 1, reserved: 0 },
      skills: [],
      queues: [],
      ...overrides,
    });
    render(<AgentsTable now={Date.parse('2026-12-04T10:05:00Z')} agents={[agent({}), agent({ id: 'b', name: 'Bob', presence: 'busy', load: { claimed: 2, reserved: 1 }, queues: ['care'], skills: ['licensed'] })]} />);
    const [, alice, bob] = within(screen.getByRole('table', { name: 'Agents' })).getAllByRole('row');
    expect(within(alice!).getByText('available')).toBeTruthy();
    expect(within(alice!).getByText(/for 5m 00s/)).toBeTruthy();
    expect(cell(alice!, 'load').textContent).toBe('1/3');
    expect(cell(bob!, 'load').textContent).toBe('2/3 +1 offered');
    expect(cell(bob!, 'load').className).toContain('at-capacity');
    expect(within(bob!).getByText('care')).toBeTruthy();
  });
});

import { fireEvent, render, screen, within } from '@testing-library/react';
import type { TaskView } from '@baton/contracts';
import { QueueList } from './QueueList';
import { taskFixture as task } from './task-fixture';

describe('the live queue', () => {
  it('shows each task with its priority, queue, reason, customer and wait, red once past the claim SLA', () => {
    render(
      <QueueList
        tasks={[task({ id: 'late', priority: 'urgent', queue: 'care', reason: 'Sensitive topic: distress', sla: { claimDueAt: '2026-12-04T10:02:00Z' } }), task({ id: 'fresh', conversationId: 'conv-2' })]}
        me="agent-me"
        now={Date.parse('2026-12-04T10:03:00Z')}
        pending={null}
        onClaim={() => undefined}
      />,
    );
    const [, late, fresh] = within(screen.getByRole('table', { name: 'Waiting tasks' })).getAllByRole('row');
    expect(within(late!).getByText('urgent')).toBeTruthy();
    expect(within(late!).getByText('Sensitive topic: distress')).toBeTruthy();
    expect(within(late!).getByText('cus_1001')).toBeTruthy();
    expect(late!.querySelector('.wait-clock')!.textContent).toBe('3m 00s · SLA 1m 00s over');
    expect(late!.querySelector('.wait-clock')!.className).toContain('overdue');
    expect(fresh!.querySelector('.wait-clock')!.textContent).toBe('3m 00s · SLA 12m 00s left');
    expect(fresh!.querySelector('.wait-clock')!.className).not.toContain('overdue');
  });

  it('claims with one click on the row', () => {
    const claimed: TaskView[] = [];
    render(<QueueList tasks={[task()]} me="agent-me" now={Date.parse('2026-12-04T10:00:00Z')} pending={null} onClaim={(t) => claimed.push(t)} />);
    fireEvent.click(screen.getByRole('button', { name: 'Claim: Customer asked for a person (support)' }));
    expect(claimed.map((t) => t.id)).toEqual(['task-1']);
  });

  it('says nobody is waiting instead of an empty table', () => {
    render(<QueueList tasks={[]} me="agent-me" now={0} pending={null} onClaim={() => undefined} />);
    expect(screen.queryByRole('table')).toBeNull();
    expect(screen.getByText(/Nobody is waiting/)).toBeTruthy();
  });
});

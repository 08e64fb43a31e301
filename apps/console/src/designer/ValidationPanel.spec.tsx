import { fireEvent, render, screen } from '@testing-library/react';
import { type Problem, validateFlow } from '@baton/flow';
import { buildFlow } from '@baton/flow/testing';
import { ValidationPanel } from './ValidationPanel';

describe('the validation panel', () => {
  it('lists every problem of a flow and selects the node of a clicked problem', () => {
    const flow = buildFlow(
      [
        ['start', 'start', { trigger: 'conversation' }],
        ['care', 'escalate', { queue: '' }],
        ['done', 'end', {}],
      ],
      [
        ['start', 'next', 'care'],
        ['care', 'resolved', 'done'],
      ],
    );
    const { problems } = validateFlow(flow);
    const selected: string[] = [];
    render(<ValidationPanel problems={problems} onSelectNode={(id) => selected.push(id)} />);

    expect(screen.getByTestId('problem-count').textContent).toBe(`${problems.length} problems`);
    const queueProblem = screen.getByRole('button', { name: /escalates without a queue/ });
    fireEvent.click(queueProblem);
    expect(selected).toEqual(['care']);
    expect(screen.getByRole('button', { name: /Output "Abandoned" of "care" is not connected/ })).toBeTruthy();
  });

  it('shows a flow-wide problem as text, not as a node link', () => {
    const problems: Problem[] = [{ code: 'no_start', message: 'The flow has no start node' }];
    render(<ValidationPanel problems={problems} onSelectNode={() => undefined} />);
    expect(screen.getByText('The flow has no start node')).toBeTruthy();
    expect(screen.queryByRole('button')).toBeNull();
    expect(screen.getByTestId('problem-count').textContent).toBe('1 problem');
  });

  it('claims nothing before the first check', () => {
    render(<ValidationPanel problems={null} checking onSelectNode={() => undefined} />);
    expect(screen.queryByTestId('problem-count')).toBeNull();
    expect(screen.getByRole('status').textContent).toBe('Checking the flow…');
  });

  it('says so when the flow is valid', () => {
    render(<ValidationPanel problems={[]} onSelectNode={() => undefined} />);
    expect(screen.getByTestId('problem-count').textContent).toBe('Valid');
    expect(screen.getByText(/valid and can be published/)).toBeTruthy();
  });
});

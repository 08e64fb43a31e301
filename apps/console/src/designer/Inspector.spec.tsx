import { fireEvent, render, screen } from '@testing-library/react';
import { useState } from 'react';
import type { Problem } from '@baton/flow';
import type { FlowNodeData } from './canvas-model';
import { Inspector } from './Inspector';

function Harness({ initial, problems = [], onData }: { initial: FlowNodeData; problems?: Problem[]; onData(data: FlowNodeData): void }) {
  const [data, setData] = useState(initial);
  return (
    <Inspector
      nodeId="node-1"
      data={data}
      problems={problems}
      variables={new Set(['orderNumber'])}
      onChange={(_id, next) => {
        setData(next);
        onData(next);
      }}
    />
  );
}

describe('the inspector', () => {
  it('generates an escalate form from the catalog schema and writes typed values into the config', () => {
    const changes: FlowNodeData[] = [];
    render(<Harness initial={{ type: 'escalate', config: { queue: '' } }} onData={(data) => changes.push(data)} />);

    expect(screen.getByRole('heading', { name: 'Escalate to a person' })).toBeTruthy();
    fireEvent.change(screen.getByLabelText('Queue'), { target: { value: 'care' } });
    fireEvent.change(screen.getByLabelText('Priority'), { target: { value: 'urgent' } });
    fireEvent.change(screen.getByLabelText('Required skills'), { target: { value: 'billing, retention' } });
    fireEvent.change(screen.getByLabelText('Claim seconds'), { target: { value: '120' } });

    expect(changes.at(-1)!.config).toEqual({ queue: 'care', priority: 'urgent', requiredSkills: ['billing', 'retention'], sla: { claimSeconds: 120 } });
    expect(screen.getByText(/The queue agents pick tasks from/)).toBeTruthy();
  });

  it('shows a validation problem at the field it names, and other problems above the form', () => {
    const problems: Problem[] = [
      { code: 'escalate_without_queue', nodeId: 'node-1', field: 'config.queue', message: '"node-1" escalates without a queue; choose the queue that takes these tasks' },
      { code: 'port_unconnected', nodeId: 'node-1', field: 'ports.resolved', message: 'Output "Resolved" of "node-1" is not connected' },
    ];
    render(<Harness initial={{ type: 'escalate', config: { queue: '' } }} problems={problems} onData={() => undefined} />);

    const queueField = screen.getByLabelText('Queue').closest('.field')!;
    expect(queueField.className).toContain('field-invalid');
    expect(queueField.textContent).toContain('escalates without a queue');
    expect(screen.getByRole('list', { name: 'Problems of this node' }).textContent).toContain('Output "Resolved" of "node-1" is not connected');
  });

  it('gives syntax feedback on an expression as it is typed', () => {
    render(<Harness initial={{ type: 'condition', config: { expression: 'signals.sentiment < 0' } }} onData={() => undefined} />);
    const input = screen.getByLabelText(/Expression/);
    expect(screen.getByText('Expression is valid')).toBeTruthy();

    fireEvent.change(input, { target: { value: 'signals.intent ==' } });
    expect(screen.getByRole('alert').textContent).toMatch(/Syntax error/);

    fireEvent.change(input, { target: { value: 'vars.missing == 1' } });
    expect(screen.getByRole('alert').textContent).toMatch(/Unknown variable "vars.missing"/);

    fireEvent.change(input, { target: { value: 'vars.orderNumber == "ORD-1"' } });
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('edits a list of objects: adds a switch case and removes one', () => {
    const changes: FlowNodeData[] = [];
    render(
      <Harness initial={{ type: 'switch', config: { cases: [{ port: 'a', label: 'A', when: 'true' }] } }} onData={(data) => changes.push(data)} />,
    );
    fireEvent.click(screen.getByRole('button', { name: /Add case/ }));
    expect((changes.at(-1)!.config.cases as unknown[]).length).toBe(2);

    fireEvent.click(screen.getByRole('button', { name: 'Remove cases 1' }));
    expect(changes.at(-1)!.config.cases).toEqual([{ port: '', when: '' }]);
  });

  it('shows a read-only form for a published version', () => {
    render(<Inspector nodeId="care" data={{ type: 'escalate', config: { queue: 'care' } }} problems={[]} variables={new Set()} readOnly onChange={() => undefined} />);
    expect((screen.getByLabelText('Queue') as HTMLInputElement).disabled).toBe(true);
    expect(screen.queryByRole('button', { name: /Add/ })).toBeNull();
  });
});

import { fireEvent, render, screen, within } from '@testing-library/react';
import { diffFlows, type FlowInput } from '@baton/flow';
import { smallPolicyFlow } from '@baton/flow/testing';
import { DiffView } from './DiffView';

const edited = (): { before: FlowInput; after: FlowInput } => {
  const before = smallPolicyFlow('policy', 'care');
  const after = smallPolicyFlow('policy', 'retention');
  after.nodes = [...after.nodes.filter((node) => node.id !== 'answer'), { id: 'tag-1', type: 'tag', position: { x: 5, y: 5 }, config: { add: ['vip'] } }];
  after.nodes = after.nodes.map((node) => (node.id === 'done' ? { ...node, position: { x: 999, y: 999 } } : node));
  return { before, after };
};

describe('the diff view', () => {
  it('lists nodes added, removed and changed with each changed field before and after', () => {
    const { before, after } = edited();
    render(<DiffView diff={diffFlows(before, after)} fromLabel="version 1" toLabel="this draft" />);

    expect(within(screen.getByRole('heading', { name: 'Nodes added' }).parentElement!).getByText(/tag-1/)).toBeTruthy();
    expect(within(screen.getByRole('heading', { name: 'Nodes removed' }).parentElement!).getByText(/answer/)).toBeTruthy();
    const changed = screen.getByRole('heading', { name: 'Nodes changed' }).parentElement!;
    const row = within(changed).getByRole('row', { name: /config\.queue/ });
    expect(within(row).getByText('care').className).toBe('diff-before');
    expect(within(row).getByText('retention').className).toBe('diff-after');
    expect(within(changed).getByText('moved on the canvas')).toBeTruthy();
    expect(screen.getByText(/1 node\(s\) added, 1 removed, 2 changed/)).toBeTruthy();
  });

  it('selects a node from the diff', () => {
    const { before, after } = edited();
    const selected: string[] = [];
    render(<DiffView diff={diffFlows(before, after)} fromLabel="version 1" toLabel="this draft" onSelectNode={(id) => selected.push(id)} />);
    fireEvent.click(screen.getByRole('button', { name: 'tag-1' }));
    expect(selected).toEqual(['tag-1']);
  });

  it('says when there is nothing to compare', () => {
    const flow = smallPolicyFlow('policy');
    render(<DiffView diff={diffFlows(flow, flow)} fromLabel="version 2" toLabel="this draft" />);
    expect(screen.getByTestId('diff-identical').textContent).toBe('No differences between version 2 and this draft.');
  });
});

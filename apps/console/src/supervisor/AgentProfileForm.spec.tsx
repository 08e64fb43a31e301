import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { type AgentProfile, type AgentView, queueSettingsSchema, type QueueView } from '@baton/contracts';
import { AgentProfileForm } from './AgentProfileForm';

const agent: AgentView = {
  id: 'a-1',
  name: 'Dana',
  email: 'dana@example.com',
  skills: ['billing'],
  queues: ['retention'],
  capacity: 3,
  presence: 'available',
  presenceSince: '2026-12-04T10:00:00Z',
  load: { claimed: 0, reserved: 0 },
};
const queue = (name: string, title: string): QueueView => ({ ...queueSettingsSchema.parse({ title }), name, openNow: true, createdAt: '', updatedAt: '' });

describe("the agent's profile form", () => {
  it('offers the configured queues and any the agent serves without settings, and sends the profile', async () => {
    const sent: AgentProfile[] = [];
    render(<AgentProfileForm agent={agent} queues={[queue('support', 'Support'), queue('care', 'Care')]} save={async (profile) => void sent.push(profile)} onCancel={() => undefined} />);
    expect(screen.getAllByRole('checkbox').map((box) => box.parentElement!.textContent!.trim())).toEqual(['support', 'care', 'retention']);
    fireEvent.change(screen.getByLabelText(/^Skills/), { target: { value: 'billing, spanish' } });
    fireEvent.click(screen.getByRole('checkbox', { name: 'care' }));
    fireEvent.change(screen.getByLabelText(/^Capacity/), { target: { value: '5' } });
    fireEvent.click(screen.getByRole('button', { name: /Save agent/ }));
    await waitFor(() => expect(sent).toEqual([{ skills: ['billing', 'spanish'], queues: ['care', 'retention'], capacity: 5 }]));
  });

  it('refuses a skill that is not a slug and a capacity out of range before sending', async () => {
    const save = jest.fn();
    render(<AgentProfileForm agent={agent} queues={[]} save={save} onCancel={() => undefined} />);
    fireEvent.change(screen.getByLabelText(/^Skills/), { target: { value: 'Billing Team' } });
    fireEvent.change(screen.getByLabelText(/^Capacity/), { target: { value: '0' } });
    fireEvent.click(screen.getByRole('button', { name: /Save agent/ }));
    await waitFor(() => expect(screen.getByText(/skills are slugs/)).toBeTruthy());
    expect(screen.getByText('must be at least 1')).toBeTruthy();
    expect(save).not.toHaveBeenCalled();
  });
});

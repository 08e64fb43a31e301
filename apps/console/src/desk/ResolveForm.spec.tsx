import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import type { ResolveTask } from '@baton/contracts';
import { ResolveForm, resolveProblems } from './ResolveForm';

const errorOf = (label: RegExp) => {
  const ids = screen.getByLabelText(label).getAttribute('aria-describedby')?.split(' ') ?? [];
  return ids.map((id) => document.getElementById(id)).find((element) => element?.classList.contains('field-error'))?.textContent ?? null;
};

describe('the resolve form', () => {
  it('refuses to resolve without a disposition, and a follow-up without saying what to follow up', async () => {
    const resolve = jest.fn();
    render(<ResolveForm resolve={resolve} onCancel={() => undefined} />);
    fireEvent.click(screen.getByRole('button', { name: /Resolve conversation/ }));
    await waitFor(() => expect(errorOf(/^Disposition/)).toBe('Choose how the conversation ended.'));

    fireEvent.change(screen.getByLabelText(/^Disposition/), { target: { value: 'follow_up' } });
    fireEvent.click(screen.getByRole('button', { name: /Resolve conversation/ }));
    await waitFor(() => expect(errorOf(/^Notes/)).toMatch(/Say what needs following up/));
    expect(errorOf(/^Disposition/)).toBeNull();
    expect(resolve).not.toHaveBeenCalled();
  });

  it('sends the disposition and the notes as POST /tasks/:id/resolve takes them', async () => {
    const sent: ResolveTask[] = [];
    render(<ResolveForm resolve={async (body) => void sent.push(body)} onCancel={() => undefined} />);
    fireEvent.change(screen.getByLabelText(/^Disposition/), { target: { value: 'resolved' } });
    fireEvent.change(screen.getByLabelText(/^Notes/), { target: { value: '  Refund confirmed.  ' } });
    fireEvent.click(screen.getByRole('button', { name: /Resolve conversation/ }));
    await waitFor(() => expect(sent).toEqual([{ disposition: 'resolved', notes: 'Refund confirmed.' }]));
  });

  it("shows the API's refusal under the field it names", async () => {
    const refusal = Object.assign(new Error('notes: too long'), { code: 'INVALID_FIELD', details: [{ code: 'INVALID_FIELD', field: 'notes', message: 'notes must be at most 4000 characters' }] });
    render(<ResolveForm resolve={() => Promise.reject(refusal)} onCancel={() => undefined} />);
    fireEvent.change(screen.getByLabelText(/^Disposition/), { target: { value: 'spam' } });
    fireEvent.click(screen.getByRole('button', { name: /Resolve conversation/ }));
    await waitFor(() => expect(errorOf(/^Notes/)).toBe('notes must be at most 4000 characters'));
  });

  it('checks notes against the shared limit', () => {
    expect(resolveProblems('resolved', 'x'.repeat(4001))).toEqual({ notes: 'notes must be at most 4000 characters' });
    expect(resolveProblems('duplicate', '')).toEqual({});
  });
});

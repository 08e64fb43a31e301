import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import type { CreatedUserView, CreateUser } from '@baton/contracts';
import { UserForm } from './UserForm';

const errorOf = (element: HTMLElement) => {
  const ids = element.getAttribute('aria-describedby')?.split(' ') ?? [];
  return ids.map((id) => document.getElementById(id)).find((found) => found?.classList.contains('field-error'))?.textContent ?? null;
};
const fill = (label: RegExp, value: string) => fireEvent.change(screen.getByLabelText(label), { target: { value } });
const created = (body: CreateUser): CreatedUserView => ({
  id: 'u-1',
  email: body.email,
  name: body.name,
  roles: body.roles,
  disabled: false,
  mustChangePassword: !body.password,
  createdAt: '2026-12-04T10:00:00Z',
  ...(body.password ? {} : { oneTimePassword: 'otp-123456789012' }),
});

describe('the user form', () => {
  it('sends the user with the ticked roles and no password, so that the API makes a one-time password', async () => {
    const sent: CreateUser[] = [];
    const received: CreatedUserView[] = [];
    render(<UserForm create={async (body) => (sent.push(body), created(body))} onCreated={(user) => received.push(user)} />);
    fill(/^Name/, 'Dana Agent');
    fill(/^Email/, ' Dana@Example.COM ');
    fireEvent.click(screen.getByRole('checkbox', { name: 'supervisor' }));
    fireEvent.click(screen.getByRole('button', { name: /Create user/ }));

    await waitFor(() => expect(received.map((user) => user.oneTimePassword)).toEqual(['otp-123456789012']));
    expect(sent).toEqual([{ name: 'Dana Agent', email: 'dana@example.com', roles: ['supervisor', 'agent'] }]);
    expect((screen.getByLabelText(/^Name/) as HTMLInputElement).value).toBe('');
  });

  it('offers every role but integration, which is for API keys', () => {
    render(<UserForm create={() => Promise.reject(new Error('unused'))} onCreated={() => undefined} />);
    expect(screen.getAllByRole('checkbox').map((box) => (box as HTMLInputElement).value)).toEqual(['admin', 'designer', 'supervisor', 'agent']);
  });

  it('refuses a user without roles, a bad email and a short password before sending', async () => {
    const create = jest.fn();
    render(<UserForm create={create} onCreated={() => undefined} />);
    fill(/^Name/, 'Dana');
    fill(/^Email/, 'dana');
    fill(/^Password/, 'short');
    fireEvent.click(screen.getByRole('checkbox', { name: 'agent' }));
    fireEvent.click(screen.getByRole('button', { name: /Create user/ }));

    await waitFor(() => expect(errorOf(screen.getByLabelText(/^Email/))).toBe('must be an email address'));
    expect(errorOf(screen.getByLabelText(/^Password/))).toBe('must be at least 12 characters');
    expect(errorOf(screen.getByRole('group', { name: 'Roles' }))).toBe('give at least one role');
    expect(create).not.toHaveBeenCalled();
  });

  it('shows a taken email under the email field', async () => {
    const refusal = Object.assign(new Error('a user with this email exists'), { code: 'USER_EXISTS', details: [] });
    render(<UserForm create={() => Promise.reject(refusal)} onCreated={() => undefined} />);
    fill(/^Name/, 'Dana');
    fill(/^Email/, 'dana@example.com');
    fireEvent.click(screen.getByRole('button', { name: /Create user/ }));
    await waitFor(() => expect(errorOf(screen.getByLabelText(/^Email/))).toBe('a user with this email exists'));
  });
});

import { useState } from 'react';
import { Ban, CircleCheck, Pencil } from 'lucide-react';
import type { UpdateUser, UserView } from '@baton/contracts';
import { UserRolesForm } from './UserRolesForm';

export interface UsersTableProps {
  users: UserView[];
  update(user: UserView, body: UpdateUser): Promise<void>;
  onError(error: unknown): void;
}

function UserStatus({ user }: { user: UserView }) {
  if (user.disabled) return <span className="badge badge-danger">disabled</span>;
  if (user.mustChangePassword) return <span className="badge badge-warning">must change password</span>;
  return <span className="badge badge-success">active</span>;
}

function UserRow({ user, update, onError }: { user: UserView } & Omit<UsersTableProps, 'users'>) {
  const [editing, setEditing] = useState(false);
  const [busy, setBusy] = useState(false);
  const toggleDisabled = async () => {
    if (!user.disabled && !window.confirm(`Disable ${user.name}? They are signed out at once and cannot sign in until enabled again.`)) return;
    setBusy(true);
    try {
      await update(user, { disabled: !user.disabled });
    } catch (error) {
      onError(error);
    } finally {
      setBusy(false);
    }
  };
  return (
    <tr data-user={user.id} className={user.disabled ? 'muted' : undefined}>
      <th scope="row">{user.name}</th>
      <td>{user.email}</td>
      <td>
        {editing ? (
          <UserRolesForm user={user} update={(body) => update(user, body).then(() => setEditing(false))} onCancel={() => setEditing(false)} />
        ) : (
          user.roles.join(', ')
        )}
      </td>
      <td>
        <UserStatus user={user} />
      </td>
      <td>
        <div className="campaign-actions" role="group" aria-label={`Actions for ${user.name}`}>
          {!editing && (
            <button type="button" className="button-secondary small" onClick={() => setEditing(true)} aria-label={`Change roles of ${user.name}`}>
              <Pencil size={14} aria-hidden="true" /> Roles
            </button>
          )}
          <button type="button" className={`button-secondary small${user.disabled ? '' : ' danger'}`} disabled={busy} onClick={toggleDisabled} aria-label={`${user.disabled ? 'Enable' : 'Disable'} ${user.name}`}>
            {user.disabled ? <CircleCheck size={14} aria-hidden="true" /> : <Ban size={14} aria-hidden="true" />}
            {user.disabled ? 'Enable' : 'Disable'}
          </button>
        </div>
      </td>
    </tr>
  );
}

/** Every user: name, email, roles and whether they may sign in, with role changes and disable/enable. */
export function UsersTable({ users, update, onError }: UsersTableProps) {
  return (
    <table className="flow-table admin-table" aria-label="Users">
      <thead>
        <tr>
          <th scope="col">Name</th>
          <th scope="col">Email</th>
          <th scope="col">Roles</th>
          <th scope="col">Status</th>
          <th scope="col">
            <span className="visually-hidden">Actions</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {users.map((user) => (
          <UserRow key={user.id} user={user} update={update} onError={onError} />
        ))}
      </tbody>
    </table>
  );
}

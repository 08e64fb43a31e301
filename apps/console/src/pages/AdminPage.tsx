import { useState } from 'react';
import type { CreatedApiKeyView, CreatedUserView, UpdateUser, UserView } from '@baton/contracts';
import { adminApi } from '../api/admin-api';
import { ApiKeyForm } from '../admin/ApiKeyForm';
import { ApiKeysTable } from '../admin/ApiKeysTable';
import { OneTimeSecret } from '../admin/OneTimeSecret';
import { UserForm } from '../admin/UserForm';
import { UsersTable } from '../admin/UsersTable';
import { RequireToken } from '../ui/RequireToken';
import { SessionEnded, sessionEnded } from '../ui/SessionEnded';
import { SubNav } from '../ui/SubNav';
import { useApiList } from '../ui/use-api-list';
import '../campaigns/campaigns.css';
import '../admin/admin.css';

const ADMIN_LINKS = [
  { href: '/admin/users', text: 'Users' },
  { href: '/admin/api-keys', text: 'API keys' },
] as const;

function AdminHeader({ title, intro }: { title: string; intro: string }) {
  return (
    <header className="page-header">
      <SubNav label="Administration" links={ADMIN_LINKS} />
      <h1>{title}</h1>
      <p className="muted">{intro}</p>
    </header>
  );
}

function ErrorNotice({ error }: { error: unknown }) {
  return error === null ? null : (
    <p className="notice error" role="alert">
      {(error as Error).message}
    </p>
  );
}

/** Users and their roles, for admins. */
export function AdminUsersPage() {
  return (
    <RequireToken role="admin">
      <Users />
    </RequireToken>
  );
}

/** API keys for scripts and integrations, for admins. */
export function AdminApiKeysPage() {
  return (
    <RequireToken role="admin">
      <ApiKeys />
    </RequireToken>
  );
}

function Users() {
  const { items: users, error, reload, setError } = useApiList(adminApi.users);
  const [created, setCreated] = useState<CreatedUserView | null>(null);
  if (sessionEnded(error)) return <SessionEnded />;
  const update = async (user: UserView, body: UpdateUser) => {
    await adminApi.updateUser(user.id, body);
    await reload();
  };
  return (
    <section className="admin-page">
      <AdminHeader title="Users" intro="People who sign in to the console. Users are disabled, never deleted; disabling one signs them out at once." />
      <ErrorNotice error={error} />
      {users ? <UsersTable users={users} update={update} onError={setError} /> : error === null && <p className="muted" role="status">Loading users…</p>}
      <section className="campaign-panel" aria-labelledby="new-user-heading">
        <h2 id="new-user-heading">New user</h2>
        {created?.oneTimePassword && (
          <OneTimeSecret
            label={`One-time password for ${created.name}`}
            secret={created.oneTimePassword}
            hint={`Copy it now and give it to ${created.name} safely; they choose their own password when they first sign in with ${created.email}.`}
            onDone={() => setCreated(null)}
          />
        )}
        {created && !created.oneTimePassword && (
          <p className="notice" role="status">
            Created {created.name}, with the password you chose.
          </p>
        )}
        <UserForm create={adminApi.createUser} onCreated={(user) => (setCreated(user), void reload())} />
      </section>
    </section>
  );
}

function ApiKeys() {
  const { items: keys, error, reload, setError } = useApiList(adminApi.apiKeys);
  const [created, setCreated] = useState<CreatedApiKeyView | null>(null);
  if (sessionEnded(error)) return <SessionEnded />;
  const revoke = async (key: { id: string }) => {
    await adminApi.revokeApiKey(key.id);
    await reload();
  };
  return (
    <section className="admin-page">
      <AdminHeader title="API keys" intro="Keys for scripts, the CLI and integrations: sent as Authorization: Bearer. Each is shown once, when it is created." />
      <ErrorNotice error={error} />
      {keys ? <ApiKeysTable keys={keys} revoke={revoke} onError={setError} /> : error === null && <p className="muted" role="status">Loading API keys…</p>}
      <section className="campaign-panel" aria-labelledby="new-key-heading">
        <h2 id="new-key-heading">New API key</h2>
        {created && (
          <OneTimeSecret label={`API key ${created.name}`} secret={created.key} hint="Copy it now into the script or integration that uses it." onDone={() => setCreated(null)} />
        )}
        <ApiKeyForm create={adminApi.createApiKey} onCreated={(key) => (setCreated(key), void reload())} />
      </section>
    </section>
  );
}

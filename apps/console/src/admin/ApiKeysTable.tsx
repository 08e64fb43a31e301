import { useState } from 'react';
import { Trash2 } from 'lucide-react';
import type { ApiKeyView } from '@baton/contracts';

const when = (at: string | null) => (at ? new Date(at).toLocaleString() : '—');

function RevokeButton({ apiKey, revoke, onError }: { apiKey: ApiKeyView; revoke(key: ApiKeyView): Promise<void>; onError(error: unknown): void }) {
  const [busy, setBusy] = useState(false);
  const click = async () => {
    if (!window.confirm(`Revoke the API key ${apiKey.name} (${apiKey.prefix}…)? Whatever uses it is refused from its next request on.`)) return;
    setBusy(true);
    try {
      await revoke(apiKey);
    } catch (error) {
      onError(error);
      setBusy(false);
    }
  };
  return (
    <button type="button" className="button-secondary small danger" disabled={busy} onClick={click} aria-label={`Revoke ${apiKey.name}`}>
      <Trash2 size={14} aria-hidden="true" /> Revoke
    </button>
  );
}

/** Every API key: its prefix (never the key), roles, when it was made and last used, and whether it is revoked. */
export function ApiKeysTable({ keys, revoke, onError }: { keys: ApiKeyView[]; revoke(key: ApiKeyView): Promise<void>; onError(error: unknown): void }) {
  if (keys.length === 0) return <p className="muted">No API keys yet.</p>;
  return (
    <table className="flow-table admin-table" aria-label="API keys">
      <thead>
        <tr>
          <th scope="col">Name</th>
          <th scope="col">Key</th>
          <th scope="col">Roles</th>
          <th scope="col">Created</th>
          <th scope="col">Last used</th>
          <th scope="col">
            <span className="visually-hidden">Actions</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {keys.map((key) => (
          <tr key={key.id} data-api-key={key.id}>
            <th scope="row">{key.name}</th>
            <td>
              <code>{key.prefix}…</code>
            </td>
            <td>{key.roles.join(', ')}</td>
            <td>{when(key.createdAt)}</td>
            <td>{when(key.lastUsedAt)}</td>
            <td>{key.revokedAt ? <span className="badge badge-danger">revoked {when(key.revokedAt)}</span> : <RevokeButton apiKey={key} revoke={revoke} onError={onError} />}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

import { useState } from 'react';
import { LogOut } from 'lucide-react';
import { storeMustChangePassword, storeToken } from '../api/api-client';
import { authApi } from '../api/auth-api';
import { usePrincipal } from './use-principal';

/** Who is signed in, in the top bar, with sign-out (which ends the session on the server too). */
export function UserMenu() {
  const state = usePrincipal();
  const [busy, setBusy] = useState(false);
  if (state.status !== 'signed-in') return null;
  const signOut = async () => {
    setBusy(true);
    // A session the server no longer knows is still signed out here.
    await authApi.logout().catch(() => undefined);
    storeToken(null);
    storeMustChangePassword(false);
    window.location.reload();
  };
  return (
    <div className="user-menu">
      <span data-testid="signed-in-as">
        Signed in as <strong>{state.principal.name}</strong> <span className="user-roles">({state.principal.roles.join(', ')})</span>
      </span>
      <button type="button" className="button-secondary small" onClick={signOut} disabled={busy}>
        <LogOut size={14} aria-hidden="true" /> Sign out
      </button>
    </div>
  );
}

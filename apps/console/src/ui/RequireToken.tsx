import { useState } from 'react';
import { KeyRound, ShieldAlert } from 'lucide-react';
import type { Role } from '@baton/contracts';
import { authApi } from '../api/auth-api';
import { ChangePasswordForm } from '../auth/ChangePasswordForm';
import { LoginForm } from '../auth/LoginForm';
import { hasRole } from '../auth/roles';
import { TokenSignInForm } from '../auth/TokenSignInForm';
import { usePrincipal } from '../auth/use-principal';

const reload = () => window.location.reload();

/** Email and password, or (for the root token, API keys and scripts) a pasted API token. */
function SignInPanel({ reason }: { reason?: string | null }) {
  const [withToken, setWithToken] = useState(false);
  return (
    <section className="sign-in">
      <h1>
        <KeyRound size={22} aria-hidden="true" /> Sign in to Baton
      </h1>
      {reason && <p className="notice error">{reason}</p>}
      {withToken ? <TokenSignInForm onSignedIn={reload} /> : <LoginForm login={authApi.login} onSignedIn={reload} />}
      <p className="sign-in-switch">
        <button type="button" className="link-button" onClick={() => setWithToken(!withToken)}>
          {withToken ? 'Use email and password instead' : 'Use an API token instead'}
        </button>
      </p>
    </section>
  );
}

/**
 * The sign-in gate of staff screens: asks who you are, makes you replace a one-time password, and
 * (with `role`) says so when the signed-in person may not use the page. `reason` forces the sign-in
 * form, for a page whose token the API has just refused.
 */
export function RequireToken({ children, reason, role }: { children: React.ReactNode; reason?: string | null; role?: Role }) {
  const state = usePrincipal();
  if (reason) return <SignInPanel reason={reason} />;
  switch (state.status) {
    case 'signed-out':
      return <SignInPanel />;
    case 'refused':
      return <SignInPanel reason={state.reason} />;
    case 'must-change-password':
      return (
        <section className="sign-in">
          <h1>
            <KeyRound size={22} aria-hidden="true" /> Change your password
          </h1>
          <ChangePasswordForm changePassword={authApi.changePassword} onChanged={reload} />
        </section>
      );
    case 'loading':
      return (
        <p className="muted" role="status">
          Checking who is signed in…
        </p>
      );
    case 'error':
      return <p className="notice error">{state.message}</p>;
    case 'signed-in':
      if (role && !hasRole(state.principal, role)) {
        return (
          <section className="sign-in" role="alert">
            <h1>
              <ShieldAlert size={22} aria-hidden="true" /> Not for your role
            </h1>
            <p>
              This page needs the <strong>{role}</strong> role. You are signed in as {state.principal.name} ({state.principal.roles.join(', ') || 'no roles'}).
            </p>
            <p className="muted">Ask an administrator for the role, or sign out and sign in as someone who has it.</p>
          </section>
        );
      }
      return <>{children}</>;
  }
}

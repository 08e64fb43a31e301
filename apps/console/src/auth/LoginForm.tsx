import { type FormEvent, useState } from 'react';
import { LogIn } from 'lucide-react';
import { publishFlowSchema, type SessionView } from '@baton/contracts';
import { storeAuthor, storeMustChangePassword, storeToken } from '../api/api-client';

export interface LoginFormProps {
  login(credentials: { email: string; password: string }): Promise<SessionView>;
  /** Called once the session is stored. */
  onSignedIn(session: SessionView): void;
}

/** Email and password; the session token is kept in this browser until sign-out or expiry. */
export function LoginForm({ login, onSignedIn }: LoginFormProps) {
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const session = await login({ email: email.trim(), password });
      storeToken(session.token);
      storeMustChangePassword(session.mustChangePassword);
      if (publishFlowSchema.shape.author.safeParse(session.user.email).success) storeAuthor(session.user.email);
      onSignedIn(session);
    } catch (caught) {
      setError((caught as Error).message);
      setBusy(false);
    }
  };

  return (
    <form onSubmit={submit} aria-label="Sign in">
      <div className="field">
        <label htmlFor="sign-in-email">Email</label>
        <input id="sign-in-email" type="email" autoComplete="username" value={email} onChange={(event) => setEmail(event.target.value)} autoFocus required />
      </div>
      <div className="field">
        <label htmlFor="sign-in-password">Password</label>
        <input id="sign-in-password" type="password" autoComplete="current-password" value={password} onChange={(event) => setPassword(event.target.value)} required />
      </div>
      {error && (
        <p className="notice error" role="alert">
          {error}
        </p>
      )}
      <button type="submit" disabled={busy || !email.trim() || !password}>
        <LogIn size={16} aria-hidden="true" /> {busy ? 'Signing in…' : 'Sign in'}
      </button>
    </form>
  );
}

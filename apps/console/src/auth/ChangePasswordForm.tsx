import { type FormEvent, useState } from 'react';
import { passwordSchema } from '@baton/contracts';
import { storeMustChangePassword } from '../api/api-client';

export interface ChangePasswordFormProps {
  changePassword(body: { currentPassword: string; newPassword: string }): Promise<void>;
  onChanged(): void;
}

/** The password someone else set (a one-time password) must be replaced before anything else. */
export function ChangePasswordForm({ changePassword, onChanged }: ChangePasswordFormProps) {
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [repeat, setRepeat] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const problem = next && !passwordSchema.safeParse(next).success ? 'Use at least 12 characters.' : repeat && repeat !== next ? 'The two new passwords differ.' : null;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (problem || !current || !next) return;
    setBusy(true);
    setError(null);
    try {
      await changePassword({ currentPassword: current, newPassword: next });
      storeMustChangePassword(false);
      onChanged();
    } catch (caught) {
      setError((caught as Error).message);
      setBusy(false);
    }
  };

  return (
    <form onSubmit={submit} aria-label="Change your password">
      <p className="muted">Your password was set by an administrator. Choose your own before you go on.</p>
      <div className="field">
        <label htmlFor="password-current">Current password</label>
        <input id="password-current" type="password" autoComplete="current-password" value={current} onChange={(event) => setCurrent(event.target.value)} autoFocus />
      </div>
      <div className="field">
        <label htmlFor="password-new">New password</label>
        <input id="password-new" type="password" autoComplete="new-password" value={next} onChange={(event) => setNext(event.target.value)} aria-describedby="password-rule" />
        <p className="field-help" id="password-rule">
          At least 12 characters.
        </p>
      </div>
      <div className="field">
        <label htmlFor="password-repeat">New password again</label>
        <input id="password-repeat" type="password" autoComplete="new-password" value={repeat} onChange={(event) => setRepeat(event.target.value)} />
      </div>
      {(problem || error) && (
        <p className="notice error" role="alert">
          {problem ?? error}
        </p>
      )}
      <button type="submit" disabled={busy || Boolean(problem) || !current || !next || repeat !== next}>
        Change password
      </button>
    </form>
  );
}

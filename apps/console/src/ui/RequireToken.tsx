import { type FormEvent, useState } from 'react';
import { KeyRound } from 'lucide-react';
import { publishFlowSchema } from '@baton/contracts';
import { storeAuthor, storedAuthor, storedToken, storeToken } from '../api/api-client';

/**
 * Staff screens need the API token. Without one, this asks for it (npm start prints it) and the name
 * that versions record as their author.
 */
export function RequireToken({ children, reason }: { children: React.ReactNode; reason?: string | null }) {
  const [token, setToken] = useState(storedToken);
  const [draft, setDraft] = useState('');
  const [author, setAuthor] = useState(storedAuthor);
  const authorValid = publishFlowSchema.shape.author.safeParse(author).success;

  if (token && !reason) return <>{children}</>;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!draft.trim() || !authorValid) return;
    storeToken(draft.trim());
    storeAuthor(author);
    setToken(draft.trim());
    window.location.reload();
  };
  return (
    <section className="sign-in">
      <h1>
        <KeyRound size={22} aria-hidden="true" /> Sign in to the flow designer
      </h1>
      {reason && <p className="notice error">{reason}</p>}
      <p className="muted">Paste the API token that `npm start` printed. It stays in this browser only.</p>
      <form onSubmit={submit}>
        <div className="field">
          <label htmlFor="sign-in-token">API token</label>
          <input id="sign-in-token" type="password" autoComplete="off" value={draft} onChange={(event) => setDraft(event.target.value)} autoFocus />
        </div>
        <div className="field">
          <label htmlFor="sign-in-author">Your name (recorded on versions you publish)</label>
          <input id="sign-in-author" value={author} onChange={(event) => setAuthor(event.target.value)} aria-invalid={!authorValid} />
          {!authorValid && <p className="field-error">Use letters, digits and . _ : @ + - only.</p>}
        </div>
        <button type="submit" disabled={!draft.trim() || !authorValid}>
          Sign in
        </button>
      </form>
    </section>
  );
}

import { type FormEvent, useState } from 'react';
import { publishFlowSchema } from '@baton/contracts';
import { storeAuthor, storedAuthor, storeMustChangePassword, storeToken } from '../api/api-client';

/** The API token that `npm start` printed (or an API key), with the name versions record as their author. */
export function TokenSignInForm({ onSignedIn }: { onSignedIn(): void }) {
  const [draft, setDraft] = useState('');
  const [author, setAuthor] = useState(storedAuthor);
  const authorValid = publishFlowSchema.shape.author.safeParse(author).success;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!draft.trim() || !authorValid) return;
    storeToken(draft.trim());
    storeMustChangePassword(false);
    storeAuthor(author);
    onSignedIn();
  };
  return (
    <form onSubmit={submit} aria-label="Token sign-in">
      <p className="muted">Paste the API token that `npm start` printed. It stays in this browser only.</p>
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
  );
}

import { type FormEvent, useState } from 'react';
import { MessageSquareText, Send } from 'lucide-react';
import type { CannedResponseView } from '@baton/contracts';

export interface ReplyBoxProps {
  draft: string;
  onDraftChange(text: string): void;
  cannedResponses: CannedResponseView[];
  /** Sends the reply; rejects with what the API said. */
  send(text: string): Promise<void>;
  disabled?: boolean;
}

/** What I write to the customer: typed, or started from a canned response or the AI's suggestion. Ctrl+Enter sends. */
export function ReplyBox({ draft, onDraftChange, cannedResponses, send, disabled }: ReplyBoxProps) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const submit = async (event?: FormEvent) => {
    event?.preventDefault();
    if (!draft.trim() || busy) return;
    setBusy(true);
    setError(null);
    try {
      await send(draft.trim());
      onDraftChange('');
    } catch (caught) {
      setError((caught as Error).message);
    } finally {
      setBusy(false);
    }
  };

  const insert = (text: string) => onDraftChange(draft.trim() ? `${draft.trimEnd()} ${text}` : text);

  return (
    <form className="reply-box" onSubmit={submit} aria-label="Reply to the customer">
      {cannedResponses.length > 0 && (
        <div className="canned" role="group" aria-label="Canned responses">
          <MessageSquareText size={14} aria-hidden="true" />
          {cannedResponses.map((response) => (
            <button key={response.id} type="button" className="button-secondary small" title={response.text} onClick={() => insert(response.text)} aria-label={`Insert canned response: ${response.title}`}>
              {response.title}
            </button>
          ))}
        </div>
      )}
      <label htmlFor="desk-reply" className="visually-hidden">
        Reply
      </label>
      <textarea
        id="desk-reply"
        rows={3}
        value={draft}
        maxLength={8192}
        placeholder="Write to the customer (Ctrl+Enter sends)"
        disabled={disabled}
        onChange={(event) => onDraftChange(event.target.value)}
        onKeyDown={(event) => {
          if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) void submit();
        }}
      />
      {error && (
        <p className="notice error" role="alert">
          {error}
        </p>
      )}
      <div className="button-row">
        <button type="submit" disabled={disabled || busy || !draft.trim()}>
          <Send size={16} aria-hidden="true" /> {busy ? 'Sending…' : 'Send reply'}
        </button>
      </div>
    </form>
  );
}

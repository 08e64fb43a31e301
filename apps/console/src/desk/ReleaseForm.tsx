import { type FormEvent, useState } from 'react';
import { Undo2 } from 'lucide-react';
import type { ReleaseTask } from '@baton/contracts';
import { FormFooter } from '../ui/FormFooter';

export interface ReleaseFormProps {
  release(body: ReleaseTask): Promise<void>;
  onCancel(): void;
}

/** Puts the task back in its queue for someone else, optionally saying why. */
export function ReleaseForm({ release, onCancel }: ReleaseFormProps) {
  const [note, setNote] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await release(note.trim() ? { note: note.trim() } : {});
    } catch (caught) {
      setError((caught as Error).message);
      setBusy(false);
    }
  };

  return (
    <form onSubmit={submit} aria-label="Release">
      <div className="field">
        <label htmlFor="release-note">Note (optional)</label>
        <textarea id="release-note" rows={3} value={note} maxLength={4000} onChange={(event) => setNote(event.target.value)} />
      </div>
      <FormFooter error={error} busy={busy} icon={<Undo2 size={16} aria-hidden="true" />} label="Release to the queue" busyLabel="Releasing…" onCancel={onCancel} />
    </form>
  );
}

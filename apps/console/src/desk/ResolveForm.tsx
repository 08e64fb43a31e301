import { type FormEvent, useState } from 'react';
import { CheckCircle2 } from 'lucide-react';
import { type Disposition, DISPOSITIONS, type ResolveTask, resolveTaskSchema } from '@baton/contracts';
import { FormField } from '../campaigns/FormField';
import { type FormErrors, formErrors, NO_ERRORS } from '../campaigns/field-errors';
import { FormFooter } from '../ui/FormFooter';

const LABELS: Record<Disposition, string> = {
  resolved: 'Resolved',
  not_resolved: 'Not resolved',
  follow_up: 'Needs follow-up',
  duplicate: 'Duplicate',
  spam: 'Spam',
};

/** What is wrong with a resolution before it is sent: a disposition must be chosen; a follow-up says what to follow up. */
export function resolveProblems(disposition: Disposition | '', notes: string): Record<string, string> {
  const problems: Record<string, string> = {};
  if (!disposition) problems.disposition = 'Choose how the conversation ended.';
  if (disposition === 'follow_up' && !notes.trim()) problems.notes = 'Say what needs following up, for whoever picks it up.';
  const parsed = resolveTaskSchema.shape.notes.safeParse(notes);
  if (!parsed.success) problems.notes = parsed.error.issues[0]!.message;
  return problems;
}

export interface ResolveFormProps {
  resolve(body: ResolveTask): Promise<void>;
  onCancel(): void;
}

/** Closes the task with a disposition and notes; the customer is then asked for a rating. */
export function ResolveForm({ resolve, onCancel }: ResolveFormProps) {
  const [disposition, setDisposition] = useState<Disposition | ''>('');
  const [notes, setNotes] = useState('');
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const problems = resolveProblems(disposition, notes);
    if (Object.keys(problems).length > 0 || !disposition) return setErrors({ fields: problems, general: null });
    setBusy(true);
    setErrors(NO_ERRORS);
    try {
      await resolve({ disposition, ...(notes.trim() ? { notes: notes.trim() } : {}) });
    } catch (caught) {
      setErrors(formErrors(caught, ['disposition', 'notes']));
      setBusy(false);
    }
  };

  return (
    <form onSubmit={submit} aria-label="Resolve" noValidate>
      <FormField id="resolve-disposition" label="Disposition" required error={errors.fields.disposition}>
        {(control) => (
          <select {...control} value={disposition} onChange={(event) => setDisposition(event.target.value as Disposition)}>
            <option value="">Choose…</option>
            {DISPOSITIONS.map((option) => (
              <option key={option} value={option}>
                {LABELS[option]}
              </option>
            ))}
          </select>
        )}
      </FormField>
      <FormField id="resolve-notes" label="Notes" error={errors.fields.notes} help="For the record and for whoever reads this conversation next">
        {(control) => <textarea {...control} rows={3} value={notes} onChange={(event) => setNotes(event.target.value)} />}
      </FormField>
      <FormFooter error={errors.general} busy={busy} icon={<CheckCircle2 size={16} aria-hidden="true" />} label="Resolve conversation" busyLabel="Resolving…" onCancel={onCancel} />
    </form>
  );
}

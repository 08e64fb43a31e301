import { type FormEvent, useState } from 'react';
import { Save } from 'lucide-react';
import { queueName, type QueueSettings, queueSettingsSchema, type QueueView } from '@baton/contracts';
import { FormField } from '../campaigns/FormField';
import { checkWith, type FormErrors, formErrors, NO_ERRORS } from '../campaigns/field-errors';
import { FormFooter } from '../ui/FormFooter';
import { BusinessHoursEditor } from './BusinessHoursEditor';
import { draftOf, newQueueDraft, officeHours, QUEUE_FIELDS, type QueueDraft, settingsInput } from './queue-draft';

export interface QueueFormProps {
  /** The queue to change; null for a new one. */
  queue: QueueView | null;
  /** Names already taken, so that a new queue does not silently replace one. */
  taken: readonly string[];
  save(name: string, settings: QueueSettings): Promise<QueueView>;
  onSaved(queue: QueueView): void;
  onCancel(): void;
}

const SLA_LABELS = { claimSeconds: 'Claim within (seconds)', firstReplySeconds: 'First reply within (seconds)', resolveSeconds: 'Resolve within (seconds)' } as const;

/** The problem with a new queue's name, if any. */
function nameProblem(name: string, taken: readonly string[]): string | null {
  const parsed = queueName.safeParse(name);
  if (!parsed.success) return parsed.error.issues[0]!.message;
  return taken.includes(name) ? `a queue named ${name} exists: edit it in the list instead` : null;
}

/** Creates or changes a queue (PUT /queues/:name), checked against the contract before it is sent. */
export function QueueForm({ queue, taken, save, onSaved, onCancel }: QueueFormProps) {
  const [name, setName] = useState(queue?.name ?? '');
  const [draft, setDraft] = useState<QueueDraft>(() => (queue ? draftOf(queue) : newQueueDraft()));
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const [busy, setBusy] = useState(false);
  const set = (change: Partial<QueueDraft>) => setDraft((current) => ({ ...current, ...change }));

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const checked = checkWith(queueSettingsSchema, settingsInput(draft), QUEUE_FIELDS);
    const badName = queue ? null : nameProblem(name, taken);
    if ('errors' in checked || badName) {
      const found = 'errors' in checked ? checked.errors : NO_ERRORS;
      return setErrors({ ...found, fields: { ...found.fields, ...(badName ? { name: badName } : {}) } });
    }
    setBusy(true);
    setErrors(NO_ERRORS);
    try {
      onSaved(await save(name, checked.body));
    } catch (caught) {
      setErrors(formErrors(caught, QUEUE_FIELDS));
      setBusy(false);
    }
  };
  const error = (field: string) => errors.fields[field];

  return (
    <form onSubmit={submit} aria-label={queue ? `Queue ${queue.name}` : 'New queue'} noValidate>
      <div className="form-grid">
        <FormField id="queue-name" label="Name" required error={error('name')} help={queue ? 'Flows name the queue by it; it cannot change' : 'A slug, as escalate nodes name it'}>
          {(control) => <input {...control} className="mono" readOnly={queue !== null} value={name} onChange={(event) => setName(event.target.value.toLowerCase())} />}
        </FormField>
        <FormField id="queue-title" label="Title" required error={error('title')}>
          {(control) => <input {...control} value={draft.title} onChange={(event) => set({ title: event.target.value })} />}
        </FormField>
        <FormField id="queue-mode" label="Mode" error={error('mode')} help={draft.mode === 'push' ? 'Each task is offered to the longest-idle available agent' : 'Agents claim tasks from the live list'}>
          {(control) => (
            <select {...control} value={draft.mode} onChange={(event) => set({ mode: event.target.value as QueueDraft['mode'] })}>
              <option value="pull">pull</option>
              <option value="push">push</option>
            </select>
          )}
        </FormField>
        <FormField id="queue-skills" label="Required skills" error={error('requiredSkills')} help="Comma-separated, e.g. licensed, spanish">
          {(control) => <input {...control} value={draft.requiredSkills} onChange={(event) => set({ requiredSkills: event.target.value })} />}
        </FormField>
        <FormField id="queue-priority" label="Priority (0-100)" error={error('priority')} help="Agents serving several queues see higher ones first">
          {(control) => <input {...control} type="number" min={0} max={100} value={draft.priority} onChange={(event) => set({ priority: event.target.value })} />}
        </FormField>
        <FormField id="queue-reservation" label="Reservation (seconds)" error={error('reservationSeconds')} help="How long a push offer waits for an answer">
          {(control) => <input {...control} type="number" min={5} max={3600} value={draft.reservationSeconds} onChange={(event) => set({ reservationSeconds: event.target.value })} />}
        </FormField>
        {(Object.keys(SLA_LABELS) as (keyof typeof SLA_LABELS)[]).map((field) => (
          <FormField key={field} id={`queue-sla-${field}`} label={SLA_LABELS[field]} error={error(`sla.${field}`)} help="Blank: the escalate node's, or none">
            {(control) => <input {...control} type="number" min={1} value={draft.sla[field]} onChange={(event) => set({ sla: { ...draft.sla, [field]: event.target.value } })} />}
          </FormField>
        ))}
      </div>
      <fieldset className="field-group">
        <legend>Business hours</legend>
        <label className="checkbox-label">
          <input type="checkbox" checked={draft.businessHours === null} onChange={(event) => set({ businessHours: event.target.checked ? null : officeHours() })} /> Staffed around the clock
        </label>
        {draft.businessHours && <BusinessHoursEditor value={draft.businessHours} onChange={(businessHours) => set({ businessHours })} errors={errors.fields} />}
      </fieldset>
      <FormFooter
        error={errors.general}
        busy={busy}
        icon={<Save size={16} aria-hidden="true" />}
        label={queue ? 'Save queue' : 'Create queue'}
        busyLabel="Saving…"
        onCancel={onCancel}
      />
    </form>
  );
}

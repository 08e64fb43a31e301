import { type FormEvent, useState } from 'react';
import { ArrowRightLeft } from 'lucide-react';
import type { AgentView, QueueView, TransferTask } from '@baton/contracts';
import { FormField } from '../campaigns/FormField';
import { type FormErrors, formErrors, NO_ERRORS } from '../campaigns/field-errors';
import { FormFooter } from '../ui/FormFooter';

export interface TransferFormProps {
  queues: QueueView[];
  agents: AgentView[];
  /** The task's queue now, not offered as a target. */
  currentQueue: string;
  transfer(body: TransferTask): Promise<void>;
  onCancel(): void;
}

/** Hands the task to another queue, or offers it to one agent, with a note saying why. */
export function TransferForm({ queues, agents, currentQueue, transfer, onCancel }: TransferFormProps) {
  const [target, setTarget] = useState('');
  const [note, setNote] = useState('');
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const problems: Record<string, string> = {};
    if (!target) problems.queue = 'Choose a queue or an agent.';
    if (!note.trim()) problems.note = 'Say why, for the next agent.';
    if (Object.keys(problems).length > 0) return setErrors({ fields: problems, general: null });
    setBusy(true);
    setErrors(NO_ERRORS);
    const [kind, value] = target.split(':') as ['queue' | 'agent', string];
    try {
      await transfer(kind === 'queue' ? { queue: value, note: note.trim() } : { toAgentId: value, note: note.trim() });
    } catch (caught) {
      setErrors(formErrors(caught, ['queue', 'toAgentId', 'note'], { QUEUE_NOT_FOUND: 'queue', AGENT_NOT_FOUND: 'queue', AGENT_NOT_ELIGIBLE: 'queue' }));
      setBusy(false);
    }
  };

  return (
    <form onSubmit={submit} aria-label="Transfer" noValidate>
      <FormField id="transfer-target" label="Transfer to" required error={errors.fields.queue ?? errors.fields.toAgentId}>
        {(control) => (
          <select {...control} value={target} onChange={(event) => setTarget(event.target.value)}>
            <option value="">Choose…</option>
            <optgroup label="Queues">
              {queues
                .filter((queue) => queue.name !== currentQueue)
                .map((queue) => (
                  <option key={queue.name} value={`queue:${queue.name}`}>
                    {queue.title} ({queue.name}){queue.openNow ? '' : ', closed now'}
                  </option>
                ))}
            </optgroup>
            {agents.length > 0 && (
              <optgroup label="Agents">
                {agents.map((agent) => (
                  <option key={agent.id} value={`agent:${agent.id}`}>
                    {agent.name} ({agent.presence}, {agent.load.claimed}/{agent.capacity})
                  </option>
                ))}
              </optgroup>
            )}
          </select>
        )}
      </FormField>
      <FormField id="transfer-note" label="Note for the next agent" required error={errors.fields.note}>
        {(control) => <textarea {...control} rows={3} value={note} maxLength={4000} onChange={(event) => setNote(event.target.value)} />}
      </FormField>
      <FormFooter error={errors.general} busy={busy} icon={<ArrowRightLeft size={16} aria-hidden="true" />} label="Transfer conversation" busyLabel="Transferring…" onCancel={onCancel} />
    </form>
  );
}

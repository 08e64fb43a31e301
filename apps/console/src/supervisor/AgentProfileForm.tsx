import { type FormEvent, useState } from 'react';
import { Save } from 'lucide-react';
import { type AgentProfile, agentProfileSchema, type AgentView, type QueueView } from '@baton/contracts';
import { FormField } from '../campaigns/FormField';
import { checkWith, type FormErrors, formErrors, NO_ERRORS } from '../campaigns/field-errors';
import { FormFooter } from '../ui/FormFooter';
import { splitList } from './queue-draft';

const FIELDS = ['skills', 'queues', 'capacity'] as const;

export interface AgentProfileFormProps {
  agent: AgentView;
  /** The configured queues, offered as choices. */
  queues: QueueView[];
  save(profile: AgentProfile): Promise<void>;
  onCancel(): void;
}

/** The queues to offer: every configured one, and any the agent serves that has no settings (a flow names it). */
const queueChoices = (queues: QueueView[], served: string[]) => [
  ...queues.map((queue) => ({ name: queue.name, title: queue.title })),
  ...served.filter((name) => !queues.some((queue) => queue.name === name)).map((name) => ({ name, title: 'not configured' })),
];

/** An agent's skills, the queues they serve (none ticked: all) and how many tasks they hold at once. */
export function AgentProfileForm({ agent, queues, save, onCancel }: AgentProfileFormProps) {
  const [skills, setSkills] = useState(agent.skills.join(', '));
  const [served, setServed] = useState<string[]>(agent.queues);
  const [capacity, setCapacity] = useState(String(agent.capacity));
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const [busy, setBusy] = useState(false);
  const choices = queueChoices(queues, agent.queues);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const checked = checkWith(agentProfileSchema, { skills: splitList(skills), queues: served, capacity: capacity.trim() === '' ? undefined : Number(capacity) }, FIELDS);
    if ('errors' in checked) return setErrors(checked.errors);
    setBusy(true);
    setErrors(NO_ERRORS);
    try {
      await save(checked.body);
    } catch (caught) {
      setErrors(formErrors(caught, FIELDS));
      setBusy(false);
    }
  };
  const toggle = (name: string, on: boolean) => setServed(choices.map((choice) => choice.name).filter((choice) => (choice === name ? on : served.includes(choice))));

  return (
    <form onSubmit={submit} aria-label={`Profile of ${agent.name}`} noValidate>
      <div className="form-grid">
        <FormField id="agent-skills" label="Skills" error={errors.fields.skills} help="Comma-separated, e.g. licensed, spanish">
          {(control) => <input {...control} value={skills} onChange={(event) => setSkills(event.target.value)} />}
        </FormField>
        <FormField id="agent-capacity" label="Capacity" required error={errors.fields.capacity} help="Tasks held at once, offers included (1-50)">
          {(control) => <input {...control} type="number" min={1} max={50} value={capacity} onChange={(event) => setCapacity(event.target.value)} />}
        </FormField>
      </div>
      <fieldset className={`field-group queue-choices${errors.fields.queues ? ' field-invalid' : ''}`} aria-describedby="agent-queues-help">
        <legend>Queues served</legend>
        <p className="field-help" id="agent-queues-help">
          {served.length === 0 ? 'None ticked: serves every queue.' : `Serves ${served.join(', ')} only.`}
        </p>
        {choices.map((choice) => (
          <div key={choice.name} className="choice">
            <label className="checkbox-label">
              <input type="checkbox" checked={served.includes(choice.name)} onChange={(event) => toggle(choice.name, event.target.checked)} /> {choice.name}
            </label>
            <span className="muted small">{choice.title}</span>
          </div>
        ))}
        {errors.fields.queues && <p className="field-error">{errors.fields.queues}</p>}
      </fieldset>
      <FormFooter error={errors.general} busy={busy} icon={<Save size={16} aria-hidden="true" />} label="Save agent" busyLabel="Saving…" onCancel={onCancel} />
    </form>
  );
}

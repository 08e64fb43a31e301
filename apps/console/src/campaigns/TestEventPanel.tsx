import { type FormEvent, useState } from 'react';
import { Send } from 'lucide-react';
import { type Channel, CHANNELS, type OutreachAccepted, type OutreachEvent } from '@baton/contracts';
import { parseJsonObject, TIME_ZONES } from './CampaignForm';
import { skipReason } from './CampaignRuns';
import { FormField } from './FormField';
import { type FormErrors, formErrors, NO_ERRORS } from './field-errors';
import { FormFooter } from '../ui/FormFooter';

const FIELDS = ['type', 'customerId', 'payload', 'channel', 'conversationKey', 'timeZone'] as const;

export interface TestEventPanelProps {
  send(event: OutreachEvent): Promise<OutreachAccepted>;
  eventTypes?: readonly string[];
}

/** Sends one business event as the business's systems would, and shows what the platform made of it. */
export function TestEventPanel({ send, eventTypes = [] }: TestEventPanelProps) {
  const [type, setType] = useState('');
  const [customerId, setCustomerId] = useState('');
  const [payload, setPayload] = useState('{}');
  const [channel, setChannel] = useState<Channel>('web');
  const [conversationKey, setConversationKey] = useState('');
  const [timeZone, setTimeZone] = useState('');
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const [answer, setAnswer] = useState<OutreachAccepted | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const parsed = parseJsonObject(payload);
    if ('problem' in parsed) return setErrors({ fields: { payload: parsed.problem }, general: null });
    setBusy(true);
    setErrors(NO_ERRORS);
    setAnswer(null);
    try {
      setAnswer(
        await send({
          type,
          customerId,
          // Every test is a new event: the same key twice would start one outreach.
          idempotencyKey: `console-test-${crypto.randomUUID()}`,
          payload: parsed.value,
          channel,
          ...(conversationKey.trim() ? { conversationKey: conversationKey.trim() } : {}),
          ...(timeZone.trim() ? { timeZone: timeZone.trim() } : {}),
        }),
      );
    } catch (caught) {
      setErrors(formErrors(caught, FIELDS, { NO_OUTREACH_FLOW: 'type' }));
    } finally {
      setBusy(false);
    }
  };
  const error = (field: (typeof FIELDS)[number]) => errors.fields[field];

  return (
    <section className="campaign-panel" aria-labelledby="test-event-heading">
      <div className="panel-header">
        <h2 id="test-event-heading">
          <Send size={16} aria-hidden="true" /> Send a test event
        </h2>
      </div>
      <p className="muted small">
        Reports an event as the business&apos;s systems do (POST /events): the published outreach flow listening for its type runs for the customer, with every
        check a real event gets (opt-out, frequency cap, quiet hours).
      </p>
      <form onSubmit={submit} aria-label="Test event" noValidate>
        <div className="form-grid">
          <FormField id="test-event-type" label="Event type" required error={error('type')}>
            {(control) => <input {...control} list="test-event-types" value={type} placeholder="e.g. shipment.delayed" onChange={(event) => setType(event.target.value)} />}
          </FormField>
          <datalist id="test-event-types">
            {eventTypes.map((option) => (
              <option key={option} value={option} />
            ))}
          </datalist>
          <FormField id="test-event-customer" label="Customer id" required error={error('customerId')}>
            {(control) => <input {...control} value={customerId} placeholder="e.g. cus_1001" onChange={(event) => setCustomerId(event.target.value)} />}
          </FormField>
          <FormField id="test-event-channel" label="Channel" error={error('channel')}>
            {(control) => (
              <select {...control} value={channel} onChange={(event) => setChannel(event.target.value as Channel)}>
                {CHANNELS.map((option) => (
                  <option key={option} value={option}>
                    {option}
                  </option>
                ))}
              </select>
            )}
          </FormField>
          <FormField id="test-event-conversation-key" label="Conversation key" error={error('conversationKey')} help="The customer's thread; customer-<id> when empty">
            {(control) => <input {...control} value={conversationKey} onChange={(event) => setConversationKey(event.target.value)} />}
          </FormField>
          <FormField id="test-event-time-zone" label="Customer time zone" error={error('timeZone')} help="For quiet hours; the stored preference when empty">
            {(control) => <input {...control} list="campaign-time-zones-test" value={timeZone} onChange={(event) => setTimeZone(event.target.value)} />}
          </FormField>
          <datalist id="campaign-time-zones-test">
            {TIME_ZONES.map((zone) => (
              <option key={zone} value={zone} />
            ))}
          </datalist>
        </div>
        <FormField id="test-event-payload" label="Payload (JSON)" error={error('payload')} help="What the flow's messages read as event.<name>">
          {(control) => <textarea {...control} className="mono" rows={3} value={payload} onChange={(event) => setPayload(event.target.value)} />}
        </FormField>
        <FormFooter error={errors.general} busy={busy} icon={<Send size={16} aria-hidden="true" />} label="Send event" busyLabel="Sending…" />
      </form>
      {answer && <EventAnswer answer={answer} />}
    </section>
  );
}

function EventAnswer({ answer }: { answer: OutreachAccepted }) {
  return (
    <div className="event-answer" role="status" aria-label="Event answer">
      <p>
        <span className={`badge ${answer.status === 'started' ? 'badge-success' : 'badge-warning'}`}>{answer.status}</span>{' '}
        {answer.status === 'started' && !answer.duplicate && <>The outreach flow runs in the conversation below (its first message waits out quiet hours).</>}
        {answer.status === 'skipped' && answer.reason && <>Nothing was sent: {skipReason(answer.reason)}.</>}
        {answer.duplicate && <> This event had been reported before; nothing new happened.</>}
      </p>
      <dl className="facts">
        <dt>Outreach</dt>
        <dd className="mono">{answer.outreachId}</dd>
        <dt>Conversation</dt>
        <dd className="mono">{answer.conversationId ?? '—'}</dd>
        <dt>Flow</dt>
        <dd>{answer.flow ? `${answer.flow.name} version ${answer.flow.version}` : '—'}</dd>
      </dl>
    </div>
  );
}

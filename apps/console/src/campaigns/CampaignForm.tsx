import { type FormEvent, useState } from 'react';
import { Plus, X } from 'lucide-react';
import { type CampaignView, type Channel, CHANNELS, type CreateCampaign } from '@baton/contracts';
import { FormField } from './FormField';
import { type FormErrors, formErrors, NO_ERRORS } from './field-errors';
import { FormFooter } from '../ui/FormFooter';

/** The fields of POST /campaigns the form shows; an API detail under any of them is shown there. */
const FIELDS = ['name', 'description', 'eventType', 'cron', 'timeZone', 'audience.url', 'audience.headers', 'payload', 'channel', 'ratePerSecond'] as const;

export const TIME_ZONES: readonly string[] = typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : [];

/** Parses a JSON object typed in a textarea; answers the problem when it is not one. */
export function parseJsonObject(text: string): { value: Record<string, never> } | { problem: string } {
  if (!text.trim()) return { value: {} };
  try {
    const value: unknown = JSON.parse(text);
    if (value === null || typeof value !== 'object' || Array.isArray(value)) return { problem: 'must be a JSON object, like {"amount": "$10.00"}' };
    return { value: value as Record<string, never> };
  } catch (error) {
    return { problem: `is not valid JSON: ${(error as Error).message}` };
  }
}

export interface CampaignFormProps {
  create(campaign: CreateCampaign): Promise<CampaignView>;
  onCreated(campaign: CampaignView): void;
  /** Event types the published outreach flows listen for, offered as suggestions. */
  eventTypes?: readonly string[];
}

/** Creates a campaign; what the API refuses is shown under the field it concerns. */
export function CampaignForm({ create, onCreated, eventTypes = [] }: CampaignFormProps) {
  const [name, setName] = useState('');
  const [description, setDescription] = useState('');
  const [eventType, setEventType] = useState('');
  const [cron, setCron] = useState('0 9 * * *');
  const [timeZone, setTimeZone] = useState('UTC');
  const [audienceUrl, setAudienceUrl] = useState('');
  const [headers, setHeaders] = useState<{ name: string; secret: string }[]>([]);
  const [payload, setPayload] = useState('{}');
  const [channel, setChannel] = useState<Channel>('web');
  const [paced, setPaced] = useState(true);
  const [rate, setRate] = useState('10');
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const parsedPayload = parseJsonObject(payload);
    const rateValue = Number(rate);
    const local: Record<string, string> = {};
    if ('problem' in parsedPayload) local.payload = parsedPayload.problem;
    if (paced && (!rate.trim() || !Number.isFinite(rateValue))) local.ratePerSecond = 'must be a number of sends per second; or choose unpaced';
    if (Object.keys(local).length > 0) return setErrors({ fields: local, general: null });
    setBusy(true);
    setErrors(NO_ERRORS);
    try {
      const created = await create({
        name,
        ...(description.trim() ? { description } : {}),
        eventType,
        cron,
        timeZone,
        audience: { url: audienceUrl, headers },
        payload: 'value' in parsedPayload ? parsedPayload.value : {},
        channel,
        ratePerSecond: paced ? rateValue : null,
      });
      onCreated(created);
    } catch (caught) {
      setErrors(formErrors(caught, FIELDS, { CAMPAIGN_EXISTS: 'name' }));
    } finally {
      setBusy(false);
    }
  };

  const setHeader = (index: number, change: Partial<{ name: string; secret: string }>) =>
    setHeaders((current) => current.map((header, i) => (i === index ? { ...header, ...change } : header)));
  const error = (field: (typeof FIELDS)[number]) => errors.fields[field];

  return (
    <form className="campaign-form" onSubmit={submit} aria-label="New campaign" noValidate>
      <div className="form-grid">
        <FormField id="campaign-name" label="Name" required error={error('name')} help="A slug: lowercase letters, digits and -">
          {(control) => <input {...control} value={name} placeholder="e.g. payment-reminders" onChange={(event) => setName(event.target.value.toLowerCase())} />}
        </FormField>
        <FormField id="campaign-event-type" label="Event type" required error={error('eventType')} help="Each member gets this event; the outreach flow listening for it runs">
          {(control) => (
            <>
              <input {...control} list="campaign-event-types" value={eventType} placeholder="e.g. payment.due" onChange={(event) => setEventType(event.target.value)} />
              <datalist id="campaign-event-types">
                {eventTypes.map((type) => (
                  <option key={type} value={type} />
                ))}
              </datalist>
            </>
          )}
        </FormField>
        <FormField id="campaign-cron" label="Schedule (cron)" required error={error('cron')} help="minute hour day month weekday; 0 9 * * * is every day at 09:00">
          {(control) => <input {...control} className="mono" value={cron} onChange={(event) => setCron(event.target.value)} />}
        </FormField>
        <FormField id="campaign-time-zone" label="Time zone" error={error('timeZone')} help="The zone the schedule reads in">
          {(control) => (
            <>
              <input {...control} list="campaign-time-zones" value={timeZone} onChange={(event) => setTimeZone(event.target.value)} />
              <datalist id="campaign-time-zones">
                {TIME_ZONES.map((zone) => (
                  <option key={zone} value={zone} />
                ))}
              </datalist>
            </>
          )}
        </FormField>
        <FormField id="campaign-audience-url" label="Audience URL" required error={error('audience.url')} help="A <connection>:/path or URL on a connection, read page by page">
          {(control) => <input {...control} className="mono" value={audienceUrl} placeholder="e.g. store:/campaigns/payment-due" onChange={(event) => setAudienceUrl(event.target.value)} />}
        </FormField>
        <FormField id="campaign-channel" label="Channel" error={error('channel')}>
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
        <FormField id="campaign-rate" label="Sends per second" error={error('ratePerSecond')} help={paced ? 'Outreaches started per second (1-1000)' : 'Started as fast as the platform allows'}>
          {(control) => (
            <div className="inline-controls">
              <input {...control} type="number" min={1} max={1000} value={rate} disabled={!paced} onChange={(event) => setRate(event.target.value)} />
              <label className="checkbox-label">
                <input type="checkbox" checked={!paced} onChange={(event) => setPaced(!event.target.checked)} /> Unpaced
              </label>
            </div>
          )}
        </FormField>
        <FormField id="campaign-description" label="Description" error={error('description')}>
          {(control) => <input {...control} value={description} onChange={(event) => setDescription(event.target.value)} />}
        </FormField>
      </div>
      <FormField id="campaign-payload" label="Payload (JSON)" error={error('payload')} help="Values every member's event carries; a member's own payload wins">
        {(control) => <textarea {...control} className="mono" rows={3} value={payload} onChange={(event) => setPayload(event.target.value)} />}
      </FormField>
      <fieldset className={`field-group${error('audience.headers') ? ' field-invalid' : ''}`}>
        <legend>Audience request headers</legend>
        {headers.length === 0 && <p className="field-help">None. Add one to send a worker secret (an API key) with each audience request.</p>}
        {headers.map((header, index) => (
          <div className="header-row" key={index}>
            <input aria-label={`Header ${index + 1} name`} placeholder="Header, e.g. x-api-key" value={header.name} onChange={(event) => setHeader(index, { name: event.target.value })} />
            <input
              aria-label={`Header ${index + 1} secret`}
              placeholder="Worker secret name"
              value={header.secret}
              onChange={(event) => setHeader(index, { secret: event.target.value })}
            />
            <button type="button" className="icon-button" aria-label={`Remove header ${index + 1}`} onClick={() => setHeaders((current) => current.filter((_, i) => i !== index))}>
              <X size={16} aria-hidden="true" />
            </button>
          </div>
        ))}
        {error('audience.headers') && <p className="field-error">{error('audience.headers')}</p>}
        <button type="button" className="button-secondary small" onClick={() => setHeaders((current) => [...current, { name: '', secret: '' }])}>
          <Plus size={14} aria-hidden="true" /> Add header
        </button>
      </fieldset>
      <FormFooter error={errors.general} busy={busy} icon={<Plus size={16} aria-hidden="true" />} label="Create campaign" busyLabel="Creating…" />
    </form>
  );
}

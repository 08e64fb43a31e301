import { Plus, X } from 'lucide-react';
import { WEEKDAYS } from '@baton/contracts';
import { TIME_ZONES } from '../campaigns/CampaignForm';
import { FormField } from '../campaigns/FormField';
import { DAY_NAMES, type HoursDraft, type RangeDraft, type Weekday } from './queue-draft';

export interface BusinessHoursEditorProps {
  value: HoursDraft;
  onChange(hours: HoursDraft): void;
  /** Problems keyed by field, as in QUEUE_FIELDS (businessHours.weekly.mon, businessHours.holidays…). */
  errors: Record<string, string>;
}

function DayHours({ day, ranges, error, onChange }: { day: Weekday; ranges: RangeDraft[]; error?: string; onChange(ranges: RangeDraft[]): void }) {
  const name = DAY_NAMES[day];
  const set = (index: number, change: Partial<RangeDraft>) => onChange(ranges.map((range, i) => (i === index ? { ...range, ...change } : range)));
  const errorId = `hours-${day}-error`;
  return (
    <div className={`day-hours${error ? ' field-invalid' : ''}`} role="group" aria-label={name} aria-describedby={error ? errorId : undefined} data-field={`businessHours.weekly.${day}`}>
      <span className="day-name">{name}</span>
      <div className="day-ranges">
        {ranges.length === 0 && <span className="muted small">closed</span>}
        {ranges.map((range, index) => (
          <span className="time-range" key={index}>
            <input aria-label={`${name} range ${index + 1} from`} className="time-input mono" placeholder="09:00" value={range.from} onChange={(event) => set(index, { from: event.target.value })} />
            –
            <input aria-label={`${name} range ${index + 1} to`} className="time-input mono" placeholder="17:00" value={range.to} onChange={(event) => set(index, { to: event.target.value })} />
            <button type="button" className="icon-button" aria-label={`Remove ${name} range ${index + 1}`} onClick={() => onChange(ranges.filter((_, i) => i !== index))}>
              <X size={14} aria-hidden="true" />
            </button>
          </span>
        ))}
        <button type="button" className="button-secondary small" aria-label={`Add hours on ${name}`} onClick={() => onChange([...ranges, { from: '09:00', to: '17:00' }])}>
          <Plus size={14} aria-hidden="true" /> Add
        </button>
      </div>
      {error && (
        <p className="field-error" id={errorId}>
          {error}
        </p>
      )}
    </div>
  );
}

function Holidays({ dates, error, onChange }: { dates: string[]; error?: string; onChange(dates: string[]): void }) {
  return (
    <fieldset className={`field-group${error ? ' field-invalid' : ''}`} aria-describedby={error ? 'hours-holidays-error' : undefined} data-field="businessHours.holidays">
      <legend>Holidays (closed all day)</legend>
      {dates.length === 0 && <p className="field-help">None.</p>}
      {dates.map((date, index) => (
        <div className="holiday-row" key={index}>
          <input type="date" aria-label={`Holiday ${index + 1}`} value={date} onChange={(event) => onChange(dates.map((d, i) => (i === index ? event.target.value : d)))} />
          <button type="button" className="icon-button" aria-label={`Remove holiday ${index + 1}`} onClick={() => onChange(dates.filter((_, i) => i !== index))}>
            <X size={14} aria-hidden="true" />
          </button>
        </div>
      ))}
      {error && (
        <p className="field-error" id="hours-holidays-error">
          {error}
        </p>
      )}
      <button type="button" className="button-secondary small" onClick={() => onChange([...dates, ''])}>
        <Plus size={14} aria-hidden="true" /> Add holiday
      </button>
    </fieldset>
  );
}

/** A queue's business hours: its time zone, each day's opening ranges (24:00 closes at midnight) and holidays. */
export function BusinessHoursEditor({ value, onChange, errors }: BusinessHoursEditorProps) {
  return (
    <div className="business-hours">
      <FormField id="hours-time-zone" label="Time zone" required error={errors['businessHours.timeZone']} help="The hours read in this zone, e.g. Europe/Berlin">
        {(control) => (
          <>
            <input {...control} list="hours-time-zones" value={value.timeZone} onChange={(event) => onChange({ ...value, timeZone: event.target.value })} />
            <datalist id="hours-time-zones">
              {TIME_ZONES.map((zone) => (
                <option key={zone} value={zone} />
              ))}
            </datalist>
          </>
        )}
      </FormField>
      <fieldset className="field-group">
        <legend>Opening hours (HH:MM, from before to)</legend>
        {WEEKDAYS.map((day) => (
          <DayHours key={day} day={day} ranges={value.weekly[day]} error={errors[`businessHours.weekly.${day}`]} onChange={(ranges) => onChange({ ...value, weekly: { ...value.weekly, [day]: ranges } })} />
        ))}
      </fieldset>
      <Holidays dates={value.holidays} error={errors['businessHours.holidays']} onChange={(holidays) => onChange({ ...value, holidays })} />
      {errors.businessHours && <p className="field-error">{errors.businessHours}</p>}
    </div>
  );
}

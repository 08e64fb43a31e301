import { type QueueSettings, type QueueView, WEEKDAYS } from '@baton/contracts';

export type Weekday = (typeof WEEKDAYS)[number];

export const DAY_NAMES: Record<Weekday, string> = { mon: 'Monday', tue: 'Tuesday', wed: 'Wednesday', thu: 'Thursday', fri: 'Friday', sat: 'Saturday', sun: 'Sunday' };

export interface RangeDraft {
  from: string;
  to: string;
}

/** Business hours as the editor holds them: times and dates as typed. */
export interface HoursDraft {
  timeZone: string;
  weekly: Record<Weekday, RangeDraft[]>;
  holidays: string[];
}

/** A queue's settings as the form holds them: numbers and lists as typed, blank where unset. */
export interface QueueDraft {
  title: string;
  mode: QueueSettings['mode'];
  requiredSkills: string;
  priority: string;
  sla: { claimSeconds: string; firstReplySeconds: string; resolveSeconds: string };
  reservationSeconds: string;
  /** null: staffed around the clock. */
  businessHours: HoursDraft | null;
}

export const SLA_FIELDS = ['claimSeconds', 'firstReplySeconds', 'resolveSeconds'] as const;

/** The fields a queue's form shows, most specific first: an error under a day goes to that day, not to the hours as a whole. */
export const QUEUE_FIELDS = [
  'name',
  'title',
  'mode',
  'requiredSkills',
  'priority',
  ...SLA_FIELDS.map((field) => `sla.${field}`),
  'reservationSeconds',
  'businessHours.timeZone',
  ...WEEKDAYS.map((day) => `businessHours.weekly.${day}`),
  'businessHours.holidays',
  'businessHours',
] as const;

const browserTimeZone = () => Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';

/** Hours to start from: weekdays nine to five, in this browser's time zone. */
export function officeHours(): HoursDraft {
  const weekly = Object.fromEntries(WEEKDAYS.map((day) => [day, day === 'sat' || day === 'sun' ? [] : [{ from: '09:00', to: '17:00' }]]));
  return { timeZone: browserTimeZone(), weekly: weekly as HoursDraft['weekly'], holidays: [] };
}

/** A new queue: pulled, priority 50, 30 seconds to answer an offer, around the clock. */
export const newQueueDraft = (): QueueDraft => ({
  title: '',
  mode: 'pull',
  requiredSkills: '',
  priority: '50',
  sla: { claimSeconds: '', firstReplySeconds: '', resolveSeconds: '' },
  reservationSeconds: '30',
  businessHours: null,
});

const text = (value: number | undefined) => (value === undefined ? '' : String(value));

/** The form's values for a queue the API answered. */
export function draftOf(queue: QueueSettings): QueueDraft {
  const hours = queue.businessHours;
  return {
    title: queue.title,
    mode: queue.mode,
    requiredSkills: queue.requiredSkills.join(', '),
    priority: String(queue.priority),
    sla: { claimSeconds: text(queue.sla.claimSeconds), firstReplySeconds: text(queue.sla.firstReplySeconds), resolveSeconds: text(queue.sla.resolveSeconds) },
    reservationSeconds: String(queue.reservationSeconds),
    businessHours: hours && {
      timeZone: hours.timeZone,
      weekly: Object.fromEntries(WEEKDAYS.map((day) => [day, hours.weekly[day].map((range) => ({ ...range }))])) as HoursDraft['weekly'],
      holidays: [...hours.holidays],
    },
  };
}

/** A comma-separated list as typed: trimmed, blanks dropped. */
export const splitList = (value: string): string[] =>
  value
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean);

/** A number as typed; blank is unset (the schema's default, or no limit). */
const number = (value: string): number | undefined => (value.trim() === '' ? undefined : Number(value));

/** What the form sends to PUT /queues/:name, before the contract's schema checks it. */
export function settingsInput(draft: QueueDraft): Record<string, unknown> {
  const sla = Object.fromEntries(SLA_FIELDS.flatMap((field) => (number(draft.sla[field]) === undefined ? [] : [[field, number(draft.sla[field])]])));
  const hours = draft.businessHours;
  return {
    title: draft.title,
    mode: draft.mode,
    requiredSkills: splitList(draft.requiredSkills),
    ...(number(draft.priority) === undefined ? {} : { priority: number(draft.priority) }),
    sla,
    ...(number(draft.reservationSeconds) === undefined ? {} : { reservationSeconds: number(draft.reservationSeconds) }),
    businessHours: hours && { timeZone: hours.timeZone.trim(), weekly: hours.weekly, holidays: hours.holidays.filter((date) => date.trim() !== '') },
  };
}

/** A queue's hours in a few words, for the list. */
export function hoursSummary(queue: QueueView): string {
  const hours = queue.businessHours;
  if (!hours) return 'around the clock';
  const open = WEEKDAYS.filter((day) => hours.weekly[day].length > 0);
  const days = open.length === 0 ? 'closed every day' : open.map((day) => `${DAY_NAMES[day].slice(0, 3)} ${hours.weekly[day].map((r) => `${r.from}–${r.to}`).join(', ')}`).join('; ');
  return `${days} (${hours.timeZone})${hours.holidays.length > 0 ? `, ${hours.holidays.length} holiday${hours.holidays.length === 1 ? '' : 's'}` : ''}`;
}

import { redactPii } from '@baton/nlu';

/**
 * A decision's values without personal data: cards, emails, phone numbers and national ids in every
 * string are replaced by a label. Decisions are read by agents, supervisors and analytics; the raw
 * text stays only in the transcript.
 */
export function withoutPii(values: Record<string, unknown>): Record<string, unknown> {
  const clean = (value: unknown): unknown => {
    if (typeof value === 'string') return redactPii(value).text;
    if (Array.isArray(value)) return value.map(clean);
    if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, clean(inner)]));
    return value;
  };
  return clean(values) as Record<string, unknown>;
}

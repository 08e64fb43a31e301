/**
 * PII redaction: card numbers (Luhn-checked), email addresses, phone numbers and national ids
 * (US SSN, UK National Insurance numbers, IBANs) are replaced by a label in square brackets. Used on
 * everything that is not the transcript itself: decision records, logs, analytics.
 */
export type PiiKind = 'card' | 'email' | 'phone' | 'national_id' | 'iban';

const luhn = (digits: string): boolean => {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let digit = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) {
      digit *= 2;
      if (digit > 9) digit -= 9;
    }
    sum += digit;
  }
  return sum % 10 === 0;
};

/** In order: the more specific patterns first, so that a card is not taken for a phone number. */
const RULES: { kind: PiiKind; pattern: RegExp; accept?: (match: string) => boolean }[] = [
  { kind: 'email', pattern: /[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/g },
  { kind: 'iban', pattern: /\b[A-Z]{2}\d{2}(?:[ ]?[A-Z0-9]{4}){3,7}(?:[ ]?[A-Z0-9]{1,4})?\b/g },
  {
    kind: 'card',
    pattern: /\b(?:\d[ -]?){12,18}\d\b/g,
    accept: (match) => {
      const digits = match.replace(/\D/g, '');
      return digits.length >= 13 && digits.length <= 19 && luhn(digits);
    },
  },
  { kind: 'national_id', pattern: /\b\d{3}-\d{2}-\d{4}\b/g },
  { kind: 'national_id', pattern: /\b[A-CEGHJ-PR-TW-Z]{2}\s?\d{2}\s?\d{2}\s?\d{2}\s?[A-D]\b/gi },
  { kind: 'phone', pattern: /(?<![\w-])\+?\d[\d ().-]{6,18}\d(?![\w-])/g, accept: (match) => match.replace(/\D/g, '').length >= 7 },
];

const DATES_AND_TIMES = /\b\d{4}[-./]\d{2}[-./]\d{2}\b|\b\d{1,2}[-./]\d{1,2}[-./]\d{4}\b|\b\d{1,2}:\d{2}(?::\d{2})?\b/g;

export interface Redaction {
  text: string;
  /** What was found, by kind. */
  found: Partial<Record<PiiKind, number>>;
}

/** Replaces personal data in `text` by `[card]`, `[email]`, `[phone]`, `[national_id]` or `[iban]`. */
export function redactPii(text: string): Redaction {
  const found: Partial<Record<PiiKind, number>> = {};
  // Dates and times have digits and separators too: set them aside so that no rule reads them.
  const kept: string[] = [];
  let out = text.replace(DATES_AND_TIMES, (match) => {
    kept.push(match);
    return `\uE000${'x'.repeat(kept.length)}\uE000`;
  });
  for (const { kind, pattern, accept } of RULES) {
    out = out.replace(pattern, (match) => {
      if (accept && !accept(match)) return match;
      found[kind] = (found[kind] ?? 0) + 1;
      return `[${kind}]`;
    });
  }
  out = out.replace(/\uE000(x+)\uE000/g, (_match, marks: string) => kept[marks.length - 1]!);
  return { text: out, found };
}

import type { Signals } from '@baton/contracts';
import { detectLanguage } from '../language/detect-language';
import { findEmails, findOrderNumbers } from './entities';

interface IntentRule {
  label: string;
  /** Each pattern that matches adds its weight; the sum is capped at 0.99. */
  patterns: [RegExp, number][];
}

const INTENT_RULES: IntentRule[] = [
  {
    label: 'order_status',
    patterns: [
      [/\b(where(?:'s| is)|track(?:ing)?|status of|has .* shipped|when will .* (?:arrive|come)|delivery)\b/i, 0.55],
      [/\b(order|package|parcel|shipment|delivery)\b/i, 0.35],
      [/\bORD[-\s]?\d{4,}/i, 0.3],
    ],
  },
  {
    label: 'password_reset',
    patterns: [
      [/\b(reset|forgot|forgotten|change|recover)\b.*\b(password|passcode|login)\b/i, 0.85],
      [/\b(can'?t|cannot|unable to) (log ?in|sign ?in|access my account)\b/i, 0.7],
      [/\bpassword\b/i, 0.3],
    ],
  },
  {
    label: 'billing',
    patterns: [
      [/\b(invoice|receipt|refund|billing|bill|vat|charged|double charged|overcharged|payment (?:failed|declined|method))\b/i, 0.6],
      [/\b(pay|paid|payment|charge|card|price|fee)\b/i, 0.25],
    ],
  },
  {
    label: 'appointment',
    patterns: [
      [/\b(appointment|booking|book a (?:slot|visit|time)|reschedul\w*|installation (?:date|slot))\b/i, 0.75],
      [/\b(confirm|move|change|cancel)\b.*\b(appointment|booking|visit|slot)\b/i, 0.2],
    ],
  },
  {
    label: 'cancellation',
    patterns: [
      [/\b(cancel|terminate|close)\b.*\b(account|subscription|membership|contract|plan|service)\b/i, 0.9],
      [/\b(cancel|unsubscribe|quit|leave you|switch(?:ing)? to (?:a )?competitor)\b/i, 0.6],
    ],
  },
  {
    label: 'complaint',
    patterns: [
      [/\b(complain|complaint|unacceptable|ridiculous|disgusted|worst|terrible|awful|outrageous|furious)\b/i, 0.7],
      [/\b(speak|talk) to (?:your |a )?manager\b/i, 0.6],
    ],
  },
  {
    label: 'human_request',
    patterns: [[/\b(human|real person|agent|representative|someone real|speak to (?:a |an )?(?:person|somebody|someone))\b/i, 0.85]],
  },
  {
    label: 'greeting',
    patterns: [[/^\s*(hi|hello|hey|good (morning|afternoon|evening))\b[\s!.,]*$/i, 0.9]],
  },
  {
    label: 'thanks',
    patterns: [
      [/\b(thanks|thank you|thx|cheers)\b/i, 0.6],
      [/\b(that'?s all|that is all|all good|no,? that'?s it|bye|goodbye)\b/i, 0.6],
    ],
  },
];

/** A keyword intent this strong is a request of its own. */
const SEPARATE_REQUEST_CONFIDENCE = 0.75;

const RISK_RULES: [string, RegExp][] = [
  ['distress', /\b(suicid\w*|kill myself|end (?:it|my life)|self[- ]harm|can'?t cope|desperate|panic(?:king)?|scared|abuse[ds]?)\b/i],
  ['financial_hardship', /\b(can'?t afford|cannot afford|lost my job|unemployed|bankrupt\w*|in debt|hardship|behind on (?:my )?(?:payments|bills|rent))\b/i],
  ['medical', /\b(hospital|diagnos\w+|illness|medical|medication|surgery|chemo\w*|disabilit\w+|pregnan\w+)\b/i],
  ['legal', /\b(lawyer|attorney|sue|lawsuit|legal action|court|ombudsman|regulator|gdpr|data protection)\b/i],
];

const POSITIVE = /\b(great|good|thanks|thank you|happy|love|excellent|perfect|awesome|helpful|appreciate)\b/gi;
const NEGATIVE =
  /\b(bad|angry|upset|annoyed|frustrat\w*|terrible|awful|worst|hate|useless|unacceptable|ridiculous|disgust\w*|furious|never again|rubbish|horrible|disappoint\w*|still waiting)\b/gi;

/** Sentiment from -1 (very negative) to 1 (very positive), from a small lexicon with emphasis. */
export function scoreSentiment(text: string): number {
  const positive = text.match(POSITIVE)?.length ?? 0;
  const negative = text.match(NEGATIVE)?.length ?? 0;
  if (positive === 0 && negative === 0) return 0;
  const letters = text.replace(/[^A-Za-z]/g, '');
  const shouting = letters.length >= 8 && letters === letters.toUpperCase() ? 1.3 : 1;
  const exclaiming = /!{2,}/.test(text) ? 1.2 : 1;
  const raw = ((positive - negative) / (positive + negative)) * Math.min(1, 0.35 + 0.2 * (positive + negative));
  return Math.max(-1, Math.min(1, Number((raw * (raw < 0 ? shouting * exclaiming : 1)).toFixed(2))));
}

/**
 * Keyword triage: the foundation's stand-in for trained intent models. Reads intents with
 * rough confidences, sentiment, sensitive-topic risks, entities and the language from one message;
 * with a trained model, the model's intents replace the rules' and the rest stays.
 */
export function keywordTriage(text: string): Signals {
  const sample = text.slice(0, 8192);
  const intents = INTENT_RULES.map(({ label, patterns }) => ({
    label,
    confidence: Math.min(0.99, patterns.reduce((sum, [pattern, weight]) => sum + (pattern.test(sample) ? weight : 0), 0)),
  }))
    .filter((intent) => intent.confidence > 0)
    .sort((a, b) => b.confidence - a.confidence)
    .map((intent) => ({ ...intent, confidence: Number(intent.confidence.toFixed(2)) }));
  return {
    intents,
    // Each intent is scored on its own, so strongly matched ones are separate requests.
    complexity: intents.filter((intent) => intent.confidence >= SEPARATE_REQUEST_CONFIDENCE).length,
    sentiment: scoreSentiment(sample),
    risks: RISK_RULES.filter(([, pattern]) => pattern.test(sample)).map(([risk]) => risk),
    entities: { orderNumbers: findOrderNumbers(sample), emails: findEmails(sample) },
    language: detectLanguage(sample),
  };
}

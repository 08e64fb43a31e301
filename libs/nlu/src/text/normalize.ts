/**
 * Light, deterministic text normalisation for intent classification. Pure: no I/O, runs in Node and
 * browsers. Never throws on any string (HTML, control characters, emoji, huge input).
 */

/** Inputs longer than this are cut (after HTML stripping) before feature extraction. */
export const MAX_INPUT_CHARS = 2000;

const CONTRACTIONS: Array<[RegExp, string]> = [
  [/\bwon'?t\b/g, 'will not'],
  [/\bcan'?t\b/g, 'can not'],
  [/\bcannot\b/g, 'can not'],
  [/\bshan'?t\b/g, 'shall not'],
  [/\bain'?t\b/g, 'is not'],
  [/\b(do|does|did|is|are|was|were|has|have|had|would|should|could|must|need|might)n'?t\b/g, '$1 not'],
  [/n't\b/g, ' not'],
  [/\bi'?m\b/g, 'i am'],
  [/\b(you|we|they|who|what)'re\b/g, '$1 are'],
  [/'re\b/g, ' are'],
  [/\b(i|you|we|they|would|should|could|might|must)'?ve\b/g, '$1 have'],
  [/'ve\b/g, ' have'],
  [/\b(i|you|he|she|it|we|they|that|there|who|what)'ll\b/g, '$1 will'],
  [/'ll\b/g, ' will'],
  [/\b(i|you|he|she|we|they)'d\b/g, '$1 would'],
  [/\b(it|that|what|where|there|here|who|how|when|why|he|she)'s\b/g, '$1 is'],
  [/\blet's\b/g, 'let us'],
  [/'s\b/g, ''],
  [/s'(?=\s|$)/g, 's'],
];

/** British -> US spellings (and a few frequent variants) that matter for customer-service text. */
const SPELLING: Record<string, string> = {
  cancelled: 'canceled', cancelling: 'canceling', cancellation: 'cancelation', cancellations: 'cancelations',
  colour: 'color', favourite: 'favorite', favour: 'favor', behaviour: 'behavior', centre: 'center',
  organise: 'organize', organised: 'organized', recognise: 'recognize', recognised: 'recognized',
  authorise: 'authorize', authorised: 'authorized', authorisation: 'authorization', unauthorised: 'unauthorized',
  realise: 'realize', realised: 'realized', apologise: 'apologize', finalise: 'finalize', finalised: 'finalized',
  customise: 'customize', personalise: 'personalize', prioritise: 'prioritize', utilise: 'utilize',
  analyse: 'analyze', licence: 'license', defence: 'defense', offence: 'offense', programme: 'program',
  travelling: 'traveling', travelled: 'traveled', traveller: 'traveler', labelled: 'labeled',
  enquiry: 'inquiry', enquiries: 'inquiries', enquire: 'inquire', catalogue: 'catalog', dialogue: 'dialog',
  jewellery: 'jewelry', grey: 'gray', cheque: 'check', cheques: 'checks', mum: 'mom', fulfil: 'fulfill',
  instalment: 'installment', instalments: 'installments', tyre: 'tire', tyres: 'tires', pyjamas: 'pajamas',
  storey: 'story', neighbour: 'neighbor', honour: 'honor', labour: 'labor', metre: 'meter', litre: 'liter',
  ok: 'okay', pls: 'please', plz: 'please', thx: 'thanks', u: 'you', ur: 'your', r: 'are', acct: 'account',
  acc: 'account', pwd: 'password', pw: 'password', pin: 'pin', msg: 'message', info: 'information',
  pic: 'picture', pics: 'pictures', id: 'id', app: 'app', atm: 'atm', atms: 'atms', e: 'e',
  wanna: 'want to', gonna: 'going to', gotta: 'got to', dont: 'do not', doesnt: 'does not',
  didnt: 'did not', isnt: 'is not', wasnt: 'was not', arent: 'are not', werent: 'were not', havent: 'have not',
  hasnt: 'has not', hadnt: 'had not', cant: 'can not', wouldnt: 'would not', shouldnt: 'should not',
  couldnt: 'could not', im: 'i am', ive: 'i have', youre: 'you are', whats: 'what is', thats: 'that is',
  theres: 'there is', hows: 'how is',
};

const CURRENCY: Array<[RegExp, string]> = [
  [/£/g, ' pound '],
  [/\$/g, ' dollar '],
  [/€/g, ' euro '],
  [/¥/g, ' yen '],
  [/₹/g, ' rupee '],
];

// Control characters except tab and line breaks, zero-width characters and bidi marks.
const CONTROL = /(?![\t\n\r])[\p{Cc}\u200b-\u200f\u202a-\u202e\u2060-\u2064\ufeff]/gu;
const HTML_TAG = /<\/?[a-zA-Z][^<>]{0,500}>/g;
const HTML_ENTITY = /&(#\d{1,6}|#x[0-9a-fA-F]{1,6}|[a-zA-Z]{2,8});/g;
const ENTITY_NAMES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };

function decodeEntity(_m: string, body: string): string {
  if (body[0] === '#') {
    const code = body[1] === 'x' || body[1] === 'X' ? parseInt(body.slice(2), 16) : parseInt(body.slice(1), 10);
    if (!Number.isFinite(code) || code <= 0 || code > 0x10ffff) return ' ';
    try {
      return String.fromCodePoint(code);
    } catch {
      return ' ';
    }
  }
  return ENTITY_NAMES[body.toLowerCase()] ?? ' ';
}

/**
 * Normalises a raw message: strips HTML tags and control characters, NFKC-folds, lowercases, unifies
 * apostrophes, expands contractions, maps currency symbols to words, replaces digits by `0`, maps
 * British spellings to US ones and collapses whitespace. Keeps only letters, digits, apostrophes
 * (removed) and single spaces; punctuation becomes a space except `?` which is kept as a token.
 */
export function normalizeText(raw: unknown): string {
  let s = typeof raw === 'string' ? raw : raw == null ? '' : String(raw);
  if (s.length > MAX_INPUT_CHARS * 4) s = s.slice(0, MAX_INPUT_CHARS * 4);
  s = s.replace(CONTROL, ' ').replace(HTML_TAG, ' ').replace(HTML_ENTITY, decodeEntity);
  try {
    s = s.normalize('NFKC');
  } catch {
    /* lone surrogates etc.: keep as is */
  }
  if (s.length > MAX_INPUT_CHARS) s = s.slice(0, MAX_INPUT_CHARS);
  s = s.toLowerCase().replace(/[\u2018\u2019\u02bc\u0060\u00b4]/g, "'");
  for (const [re, rep] of CURRENCY) s = s.replace(re, rep);
  for (const [re, rep] of CONTRACTIONS) s = s.replace(re, rep);
  // digits -> 0 (keeps the shape of numbers, amounts and dates without their values)
  s = s.replace(/\d+/g, '0').replace(/0(?:[.,]0)+/g, '0');
  // keep letters (any script), digits and '?'; everything else is a separator
  s = s.replace(/\?+/g, ' ? ').replace(/[^\p{L}\p{N}?]+/gu, ' ');
  const words = s.split(' ');
  const out: string[] = [];
  for (const w of words) {
    if (!w) continue;
    const mapped = Object.prototype.hasOwnProperty.call(SPELLING, w) ? SPELLING[w] : w;
    out.push(mapped);
  }
  return out.join(' ');
}

/** Splits normalised text into word tokens (the output of `normalizeText` is space separated). */
export function tokenize(normalized: string): string[] {
  if (!normalized) return [];
  return normalized.split(' ').filter((t) => t.length > 0);
}

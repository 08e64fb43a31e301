import { normalizeText, tokenize, MAX_INPUT_CHARS } from './normalize';
import { porterStem } from './stem';

describe('normalizeText', () => {
  it('lowercases, expands contractions and replaces digits', () => {
    expect(normalizeText("I'm still waiting on my card? It's been 2 weeks!!")).toBe(
      'i am still waiting on my card ? it is been 0 weeks',
    );
    expect(normalizeText("Why didn't my £50.00 top-up show? I can't see it")).toBe(
      'why did not my pound 0 top up show ? i can not see it',
    );
  });

  it('maps British spellings and common chat forms', () => {
    expect(normalizeText('My payment was cancelled, pls help')).toBe('my payment was canceled please help');
    expect(normalizeText('i dont know')).toBe('i do not know');
  });

  it('strips HTML, entities and control characters', () => {
    expect(normalizeText('<b>Hello</b> &amp; <script>x</script>world\u0000\u0007\u200b')).toBe('hello x world');
  });

  it('never throws and bounds its output for hostile input', () => {
    const inputs: unknown[] = ['', '😀😀😀', '\u0000\u0001', 'a'.repeat(100_000), '\ud800 lone surrogate', null, undefined, 42, {}];
    for (const x of inputs) {
      const out = normalizeText(x);
      expect(typeof out).toBe('string');
      expect(out.length).toBeLessThanOrEqual(MAX_INPUT_CHARS);
    }
    expect(normalizeText('😀😀😀')).toBe('');
    expect(tokenize('')).toEqual([]);
  });

  it('keeps non-Latin letters', () => {
    expect(normalizeText('Ça marche pas')).toBe('ça marche pas');
    expect(tokenize(normalizeText('Привет мир'))).toEqual(['привет', 'мир']);
  });
});

describe('porterStem', () => {
  it('follows the Porter algorithm on reference words', () => {
    const cases: Record<string, string> = {
      caresses: 'caress', ponies: 'poni', agreed: 'agre', plastered: 'plaster', motoring: 'motor',
      hopping: 'hop', falling: 'fall', filing: 'file', happy: 'happi', relational: 'relat',
      conditional: 'condit', triplicate: 'triplic', adjustment: 'adjust', adoption: 'adopt',
      controll: 'control', charges: 'charg', charged: 'charg', cancelled: 'cancel', canceled: 'cancel',
    };
    for (const [w, s] of Object.entries(cases)) expect(porterStem(w)).toBe(s);
  });

  it('leaves short and non-ascii words alone', () => {
    expect(porterStem('is')).toBe('is');
    expect(porterStem('ça')).toBe('ça');
    expect(porterStem('0')).toBe('0');
  });
});

import { WordPieceTokenizer, type WordPieceVocabulary } from './wordpiece';

const TOKENS = [
  '[PAD]',
  '[UNK]',
  '[CLS]',
  '[SEP]',
  'cafe',
  'my',
  'card',
  'has',
  'not',
  'arrived',
  'play',
  '##ing',
  '##ed',
  'un',
  '##aff',
  '##able',
  '!',
  '?',
  ',',
  "'",
  '.',
  'don',
  't',
  'hello',
  '东',
  '京',
  'a',
  '##a',
  'new',
  '##ark',
];
const VOCAB: WordPieceVocabulary = { model: { vocab: Object.fromEntries(TOKENS.map((t, i) => [t, i])) } };
const ID = new Map(TOKENS.map((t, i) => [t, i]));
const NAME = new Map(TOKENS.map((t, i) => [i, t]));

const tokenizer = new WordPieceTokenizer(VOCAB);
/** The tokens `encode` gives, by name, for readable expectations. */
const tokens = (text: string, maxLength?: number): string[] => tokenizer.encode(text, maxLength).map((id) => NAME.get(id) ?? `?${id}`);

describe('WordPieceTokenizer', () => {
  it('knows the ids of its special tokens', () => {
    expect(tokenizer.unkId).toBe(ID.get('[UNK]'));
    expect(tokenizer.clsId).toBe(ID.get('[CLS]'));
    expect(tokenizer.sepId).toBe(ID.get('[SEP]'));
  });

  it('frames a sequence in [CLS] … [SEP]', () => {
    expect(tokenizer.encode('my card')).toEqual([ID.get('[CLS]'), ID.get('my'), ID.get('card'), ID.get('[SEP]')]);
    expect(tokens('hello')).toEqual(['[CLS]', 'hello', '[SEP]']);
  });

  it('gives [CLS] [SEP] for an empty or blank message', () => {
    expect(tokens('')).toEqual(['[CLS]', '[SEP]']);
    expect(tokens('   \t\n  ')).toEqual(['[CLS]', '[SEP]']);
  });

  it('lower-cases and strips accents', () => {
    expect(tokenizer.words('Café')).toEqual(['cafe']);
    expect(tokenizer.words('CAFÉ')).toEqual(['cafe']);
    // a decomposed accent (e + combining acute) too
    expect(tokenizer.words('Cafe\u0301')).toEqual(['cafe']);
    expect(tokens('MY Café HAS ARRIVED')).toEqual(['[CLS]', 'my', 'cafe', 'has', 'arrived', '[SEP]']);
  });

  it('splits punctuation into tokens of their own', () => {
    expect(tokenizer.words("Hello, my card hasn't arrived!?")).toEqual(['hello', ',', 'my', 'card', 'hasn', "'", 't', 'arrived', '!', '?']);
    expect(tokens("don't!")).toEqual(['[CLS]', 'don', "'", 't', '!', '[SEP]']);
    // every non-alphanumeric ASCII symbol counts as punctuation, and Unicode punctuation too
    expect(tokenizer.words('a$a^a`a~a')).toEqual(['a', '$', 'a', '^', 'a', '`', 'a', '~', 'a']);
    expect(tokenizer.words('hello…¿card')).toEqual(['hello', '…', '¿', 'card']);
    // whitespace of any kind separates words
    expect(tokenizer.words('my\tcard\nhas\r\nnot\u00a0arrived')).toEqual(['my', 'card', 'has', 'not', 'arrived']);
  });

  it('splits words greedily into the longest pieces, with ## continuations', () => {
    expect(tokens('playing')).toEqual(['[CLS]', 'play', '##ing', '[SEP]']);
    expect(tokens('played')).toEqual(['[CLS]', 'play', '##ed', '[SEP]']);
    expect(tokens('unaffable')).toEqual(['[CLS]', 'un', '##aff', '##able', '[SEP]']);
    // longest match first: "newark" is new + ##ark, not new + ##a + …
    expect(tokens('newark')).toEqual(['[CLS]', 'new', '##ark', '[SEP]']);
    expect(tokens('aaa')).toEqual(['[CLS]', 'a', '##a', '##a', '[SEP]']);
  });

  it('gives one [UNK] for a word it cannot split, however far it got', () => {
    expect(tokens('xyz')).toEqual(['[CLS]', '[UNK]', '[SEP]']);
    // "play" matches but "##zz" does not: the whole word is unknown, not play + [UNK]
    expect(tokens('playzz')).toEqual(['[CLS]', '[UNK]', '[SEP]']);
    expect(tokens('my xyz card')).toEqual(['[CLS]', 'my', '[UNK]', 'card', '[SEP]']);
    expect(tokens('😀')).toEqual(['[CLS]', '[UNK]', '[SEP]']);
  });

  it('gives [UNK] for a word longer than 100 characters', () => {
    expect(tokens('a'.repeat(100))).toEqual(['[CLS]', 'a', ...new Array<string>(99).fill('##a'), '[SEP]']);
    expect(tokens('a'.repeat(101))).toEqual(['[CLS]', '[UNK]', '[SEP]']);
    expect(tokens(`my ${'a'.repeat(500)} card`)).toEqual(['[CLS]', 'my', '[UNK]', 'card', '[SEP]']);
  });

  it('drops control characters, NUL and U+FFFD', () => {
    expect(tokenizer.words('my\u0000 ca\u0007rd\u001b \ufffdhas\u200b not')).toEqual(['my', 'card', 'has', 'not']);
    expect(tokens('\u0000\u0001\u0002')).toEqual(['[CLS]', '[SEP]']);
    // a lone surrogate is dropped too
    expect(tokenizer.words('my\ud800card')).toEqual(['mycard']);
  });

  it('splits CJK characters apart', () => {
    expect(tokenizer.words('东京')).toEqual(['东', '京']);
    expect(tokenizer.words('hello东京card')).toEqual(['hello', '东', '京', 'card']);
    expect(tokens('东京')).toEqual(['[CLS]', '东', '京', '[SEP]']);
  });

  it('truncates to maxLength, keeping [SEP] last', () => {
    const text = 'my card has not arrived '.repeat(10);
    const all = tokens(text);
    expect(all.length).toBe(52);
    for (const max of [3, 4, 5, 8, 17]) {
      const cut = tokens(text, max);
      expect(cut.length).toBe(max);
      expect(cut[0]).toBe('[CLS]');
      expect(cut[max - 1]).toBe('[SEP]');
      expect(cut.slice(0, max - 1)).toEqual(all.slice(0, max - 1));
    }
    // a limit under 2 still frames the sequence
    for (const max of [0, 1, -5, Number.NaN]) expect(tokens(text, max)).toEqual(['[CLS]', '[SEP]']);
    // a word whose pieces overflow the limit is cut too
    expect(tokens('my unaffable card', 4)).toEqual(['[CLS]', 'my', 'un', '[SEP]']);
    expect(tokens('my card', 2)).toEqual(['[CLS]', '[SEP]']);
    // a sequence that fits is left alone
    expect(tokens('my card', 4)).toEqual(['[CLS]', 'my', 'card', '[SEP]']);
    // the default limit is 128
    expect(tokenizer.encode('my '.repeat(500)).length).toBe(128);
  });

  it('honours the vocabulary’s unk token, continuation prefix and word length limit', () => {
    const custom = new WordPieceTokenizer({
      model: {
        vocab: { '<unk>': 7, '[CLS]': 1, '[SEP]': 2, play: 3, '@@ing': 4, a: 5, '@@a': 6 },
        unk_token: '<unk>',
        continuing_subword_prefix: '@@',
        max_input_chars_per_word: 3,
      },
    });
    expect(custom.unkId).toBe(7);
    expect(custom.encode('playing')).toEqual([1, 7, 2]); // 7 characters > 3
    expect(custom.encode('aaa')).toEqual([1, 5, 6, 6, 2]);
    expect(custom.encode('aaaa')).toEqual([1, 7, 2]);
  });

  it('refuses a vocabulary without model.vocab or without [CLS], [SEP] or [UNK]', () => {
    expect(() => new WordPieceTokenizer({} as WordPieceVocabulary)).toThrow('not a WordPiece tokenizer: no model.vocab');
    expect(() => new WordPieceTokenizer(undefined as unknown as WordPieceVocabulary)).toThrow(/no model\.vocab/);
    expect(() => new WordPieceTokenizer({ model: {} } as WordPieceVocabulary)).toThrow(/no model\.vocab/);
    expect(() => new WordPieceTokenizer({ model: { vocab: null } } as unknown as WordPieceVocabulary)).toThrow(/no model\.vocab/);
    const without = (token: string): WordPieceVocabulary => ({
      model: { vocab: Object.fromEntries(TOKENS.filter((t) => t !== token).map((t, i) => [t, i])) },
    });
    expect(() => new WordPieceTokenizer(without('[CLS]'))).toThrow('not a BERT WordPiece vocabulary: [CLS] is missing');
    expect(() => new WordPieceTokenizer(without('[SEP]'))).toThrow(/\[SEP\] is missing/);
    expect(() => new WordPieceTokenizer(without('[UNK]'))).toThrow(/\[UNK\] is missing/);
  });
});

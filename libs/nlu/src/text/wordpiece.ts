/**
 * BERT's uncased WordPiece tokenizer, as a Hugging Face `tokenizer.json` describes it
 * (BertNormalizer with lowercasing and accent stripping, BertPreTokenizer, WordPiece with `##`
 * continuations, `[CLS] … [SEP]` around one sequence). Pure: the caller reads the file.
 */

export interface WordPieceVocabulary {
  model: { vocab: Record<string, number>; unk_token?: string; continuing_subword_prefix?: string; max_input_chars_per_word?: number };
}

const isControl = (ch: string): boolean => ch !== '\t' && ch !== '\n' && ch !== '\r' && /\p{C}/u.test(ch);

function isPunctuation(ch: string): boolean {
  const cp = ch.codePointAt(0) as number;
  // BERT treats every non-alphanumeric ASCII symbol as punctuation, besides Unicode's P* classes.
  if ((cp >= 33 && cp <= 47) || (cp >= 58 && cp <= 64) || (cp >= 91 && cp <= 96) || (cp >= 123 && cp <= 126)) return true;
  return /\p{P}/u.test(ch);
}

function isCjk(cp: number): boolean {
  return (
    (cp >= 0x4e00 && cp <= 0x9fff) ||
    (cp >= 0x3400 && cp <= 0x4dbf) ||
    (cp >= 0x20000 && cp <= 0x2a6df) ||
    (cp >= 0x2a700 && cp <= 0x2ceaf) ||
    (cp >= 0xf900 && cp <= 0xfaff) ||
    (cp >= 0x2f800 && cp <= 0x2fa1f)
  );
}

export class WordPieceTokenizer {
  private readonly vocab: Map<string, number>;
  private readonly prefix: string;
  private readonly maxWordChars: number;
  readonly unkId: number;
  readonly clsId: number;
  readonly sepId: number;

  constructor(source: WordPieceVocabulary) {
    const model = source?.model;
    if (!model || typeof model.vocab !== 'object' || model.vocab === null) throw new Error('not a WordPiece tokenizer: no model.vocab');
    this.vocab = new Map(Object.entries(model.vocab));
    this.prefix = model.continuing_subword_prefix ?? '##';
    this.maxWordChars = model.max_input_chars_per_word ?? 100;
    const id = (token: string): number => {
      const found = this.vocab.get(token);
      if (found === undefined) throw new Error(`not a BERT WordPiece vocabulary: ${token} is missing`);
      return found;
    };
    this.unkId = id(model.unk_token ?? '[UNK]');
    this.clsId = id('[CLS]');
    this.sepId = id('[SEP]');
  }

  /** Normalised words and punctuation marks, in order (BertNormalizer + BertPreTokenizer). */
  words(text: string): string[] {
    let cleaned = '';
    for (const ch of text) {
      const cp = ch.codePointAt(0) as number;
      if (cp === 0 || cp === 0xfffd || isControl(ch)) continue;
      if (/\s/u.test(ch)) cleaned += ' ';
      else if (isCjk(cp)) cleaned += ` ${ch} `;
      else cleaned += ch;
    }
    const normalised = cleaned.toLowerCase().normalize('NFD').replace(/\p{Mn}/gu, '');
    const out: string[] = [];
    for (const chunk of normalised.split(' ')) {
      let word = '';
      for (const ch of chunk) {
        if (isPunctuation(ch)) {
          if (word) out.push(word);
          word = '';
          out.push(ch);
        } else word += ch;
      }
      if (word) out.push(word);
    }
    return out;
  }

  /** Greedy longest-match-first pieces of one word; `[UNK]` when the word cannot be split. */
  private pieces(word: string, out: number[]): void {
    const chars = [...word];
    if (chars.length > this.maxWordChars) {
      out.push(this.unkId);
      return;
    }
    const found: number[] = [];
    let start = 0;
    while (start < chars.length) {
      let end = chars.length;
      let id: number | undefined;
      while (start < end) {
        const piece = (start > 0 ? this.prefix : '') + chars.slice(start, end).join('');
        id = this.vocab.get(piece);
        if (id !== undefined) break;
        end--;
      }
      if (id === undefined) {
        out.push(this.unkId);
        return;
      }
      found.push(id);
      start = end;
    }
    out.push(...found);
  }

  /** Token ids of one sequence: `[CLS]`, the pieces (cut to fit), `[SEP]`; at most `maxLength` ids (at least 2). */
  encode(text: string, maxLength = 128): number[] {
    maxLength = Math.max(2, Math.floor(maxLength) || 2);
    const ids = [this.clsId];
    // no more text than maxLength pieces can come from (each word at most maxWordChars characters)
    for (const word of this.words(text.slice(0, maxLength * (this.maxWordChars + 1)))) {
      if (ids.length >= maxLength - 1) break;
      this.pieces(word, ids);
    }
    if (ids.length > maxLength - 1) ids.length = maxLength - 1;
    ids.push(this.sepId);
    return ids;
  }
}

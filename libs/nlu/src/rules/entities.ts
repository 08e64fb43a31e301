/** Order numbers as the demo store writes them (ORD-10042), or "order 10042" / "#10042". */
const ORDER_PATTERNS = [/\bORD[-\s]?(\d{4,10})\b/gi, /(?:\border(?:\s+(?:number|no\.?|num))?\s*[:#]?\s*|#)(\d{4,10})\b/gi];
const EMAIL = /[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/g;

/** Finds order numbers, normalised to ORD-<digits>, in order of appearance and without repeats. */
export function findOrderNumbers(text: string): string[] {
  const found: { index: number; value: string }[] = [];
  for (const pattern of ORDER_PATTERNS) {
    for (const match of text.matchAll(pattern)) found.push({ index: match.index ?? 0, value: `ORD-${match[1]}` });
  }
  return [...new Set(found.sort((a, b) => a.index - b.index).map((entry) => entry.value))];
}

export function findEmails(text: string): string[] {
  return [...new Set(text.match(EMAIL) ?? [])];
}

/** Pure helpers that shape knowledge for the agent's screen. */

/** Passages are shown as excerpts of about this many characters. */
export const EXCERPT_CHARS = 400;

/** `text` cut at a word boundary to at most `max` characters, with an ellipsis when cut. */
export function excerpt(text: string, max = EXCERPT_CHARS): string {
  const clean = text.replace(/\s+/g, ' ').trim();
  if (clean.length <= max) return clean;
  const cut = clean.slice(0, max - 1);
  const lastSpace = cut.lastIndexOf(' ');
  return `${(lastSpace > max / 2 ? cut.slice(0, lastSpace) : cut).replace(/[\s.,;:!?-]+$/, '')}…`;
}

/**
 * A reply to the customer built from a knowledge answer. The shipped articles already speak to the
 * customer ("your refund"); the agent's reply only needs to acknowledge the wait, which the AI's
 * answers never do because the customer was not waiting for them, and to offer further help.
 */
export function suggestedReply(answer: string): string {
  return `Thanks for waiting. ${answer.trim()}\n\nIs there anything else I can help you with?`;
}

export interface MessageEvaluation<M> {
  message: M;
  /** The best knowledge answer's confidence for the message, and the floor it must reach. */
  confidence: number;
  floor: number;
}

/**
 * Which customer message to answer, from evaluations of the last few newest first: the newest that an
 * article answers confidently; else the newest that any article matches; else the newest. So a closing
 * "can I talk to a person?" does not hide the question the customer asked just before.
 */
export function messageToAnswer<M>(evaluations: MessageEvaluation<M>[]): MessageEvaluation<M> | null {
  return evaluations.find((e) => e.confidence >= e.floor) ?? evaluations.find((e) => e.confidence > 0) ?? evaluations[0] ?? null;
}

import { AlertTriangle, BookOpen, Sparkles } from 'lucide-react';
import type { AssistFlagKind, AssistView } from '@baton/contracts';

const FLAG_LABELS: Record<AssistFlagKind, string> = {
  cancellation_risk: 'Cancellation risk',
  compliance_topic: 'Compliance topic',
  pii_shared: 'Personal data shared',
  sentiment_dropping: 'Sentiment dropping',
};

export interface AssistPanelProps {
  assist: AssistView | null;
  loading: boolean;
  error: string | null;
  /** Puts the suggested reply in the reply box, to edit before sending. */
  onUseSuggestion(text: string): void;
}

/** What the AI offers while I handle the conversation: risk flags, a suggested reply and knowledge passages. */
export function AssistPanel({ assist, loading, error, onUseSuggestion }: AssistPanelProps) {
  return (
    <section className="desk-panel assist-panel" aria-labelledby="assist-heading" aria-busy={loading}>
      <h2 id="assist-heading">
        <Sparkles size={16} aria-hidden="true" /> AI assist
      </h2>
      {error && <p className="notice error">Assist is unavailable: {error}</p>}
      {!assist && !error && <p className="muted small">Reading the conversation…</p>}
      {assist && (
        <>
          {assist.flags.length > 0 && (
            <ul className="assist-flags" aria-label="Risk flags">
              {assist.flags.map((flag, index) => (
                <li key={`${flag.kind}-${index}`} className={`assist-flag flag-${flag.kind}`}>
                  <AlertTriangle size={14} aria-hidden="true" />
                  <span>
                    <strong>{FLAG_LABELS[flag.kind]}</strong>: {flag.reason}
                  </span>
                </li>
              ))}
            </ul>
          )}
          <h3>Suggested reply</h3>
          {assist.suggestion ? (
            <div className="assist-suggestion">
              <p data-testid="assist-suggestion">{assist.suggestion.text}</p>
              <p className="muted small">
                From “{assist.suggestion.source.title}” ({assist.suggestion.source.knowledgeBase}), {Math.round(assist.suggestion.confidence * 100)}% confident
              </p>
              <button type="button" className="small" onClick={() => onUseSuggestion(assist.suggestion!.text)}>
                Use suggestion
              </button>
            </div>
          ) : (
            <p className="muted small">No article answers the customer's last question confidently enough.</p>
          )}
          <h3>
            <BookOpen size={14} aria-hidden="true" /> Knowledge
          </h3>
          {assist.passages.length === 0 ? (
            <p className="muted small">Nothing relevant in {assist.knowledgeBases.join(', ') || 'the knowledge bases'}.</p>
          ) : (
            <ul className="assist-passages" aria-label="Knowledge passages">
              {assist.passages.map((passage) => (
                <li key={`${passage.knowledgeBase}/${passage.articleId}`}>
                  <div className="passage-title">
                    <strong>{passage.title}</strong> <span className="badge">{Math.round(passage.score * 100)}%</span>
                  </div>
                  <p className="small">{passage.text}</p>
                </li>
              ))}
            </ul>
          )}
        </>
      )}
    </section>
  );
}

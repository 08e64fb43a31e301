import type { MessageView, TaskView } from '@baton/contracts';
import { escalationDecisions, latestIntent, sentimentTrend } from './handoff-context';
import { SentimentTrend } from './SentimentTrend';

const show = (value: unknown) => (typeof value === 'string' ? value : JSON.stringify(value));

/** Everything the AI learnt before handing over: summary, collected data, intent, sentiment and why it escalated. */
export function ContextPanel({ task, messages }: { task: TaskView; messages: readonly MessageView[] }) {
  const { context } = task;
  const intent = latestIntent(context);
  const decisions = escalationDecisions(context);
  const collected = Object.entries(context.collected);
  return (
    <section className="desk-panel" aria-labelledby="context-heading">
      <h2 id="context-heading">Handoff context</h2>
      <p className="context-summary">{context.summary}</p>
      <dl className="facts">
        <dt>Intent</dt>
        <dd>{intent ? `${intent.label} (${Math.round(intent.confidence * 100)}% confident)` : 'unknown'}</dd>
        <dt>Sentiment</dt>
        <dd>
          <SentimentTrend values={sentimentTrend(context, messages)} />
        </dd>
        {context.signals && context.signals.risks.length > 0 && (
          <>
            <dt>Risks</dt>
            <dd>{context.signals.risks.join(', ')}</dd>
          </>
        )}
      </dl>
      <h3>Collected</h3>
      {collected.length === 0 ? (
        <p className="muted small">Nothing collected.</p>
      ) : (
        <dl className="facts">
          {collected.map(([name, value]) => (
            <div key={name} className="fact-row">
              <dt>{name}</dt>
              <dd className="mono">{value}</dd>
            </div>
          ))}
        </dl>
      )}
      <h3>Why it was escalated</h3>
      <p>{task.reason}</p>
      <h3>Decision record</h3>
      <ol className="decision-list" aria-label="Decision record">
        {decisions.map((decision, index) => (
          <li key={index}>
            <strong>{decision.rule}</strong> → {decision.action}
            {Object.keys(decision.values).length > 0 && (
              <div className="decision-values">
                {Object.entries(decision.values).map(([name, value]) => (
                  <code key={name}>
                    {name} = {show(value)}
                  </code>
                ))}
              </div>
            )}
          </li>
        ))}
      </ol>
    </section>
  );
}

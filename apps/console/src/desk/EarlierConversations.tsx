import { useEffect, useState } from 'react';
import { History } from 'lucide-react';
import type { CustomerConversationSummary } from '@baton/contracts';
import { deskApi } from '../api/desk-api';

const outcome = (conversation: CustomerConversationSummary) => {
  if (!conversation.outcome) return conversation.stage;
  const { resolution, csat } = conversation.outcome;
  return `${resolution.replace('_', ' ')}${csat === null ? '' : `, rated ${csat}/5`}`;
};

/** The customer's other conversations, newest first: what they asked, how it ended and how they rated it. */
export function EarlierConversations({ customerId, currentId }: { customerId: string; currentId: string }) {
  const [conversations, setConversations] = useState<CustomerConversationSummary[] | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    deskApi.customerConversations(customerId).then(
      (list) => setConversations(list.filter((conversation) => conversation.id !== currentId)),
      (caught: Error) => setError(caught.message),
    );
  }, [customerId, currentId]);

  return (
    <section className="desk-panel" aria-labelledby="history-heading">
      <h2 id="history-heading">
        <History size={16} aria-hidden="true" /> Earlier conversations
      </h2>
      {error && <p className="notice error">{error}</p>}
      {conversations?.length === 0 && <p className="muted small">None: this is the customer's first conversation.</p>}
      {conversations && conversations.length > 0 && (
        <ul className="earlier-list">
          {conversations.map((conversation) => (
            <li key={conversation.id}>
              <div className="small muted">
                {new Date(conversation.createdAt).toLocaleString()} · {conversation.channel}
                {conversation.intent && ` · ${conversation.intent}`}
              </div>
              <div>{conversation.firstMessage ?? <span className="muted">(the business wrote first)</span>}</div>
              <div className="small">{outcome(conversation)}</div>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

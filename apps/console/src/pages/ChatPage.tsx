import { type FormEvent, useCallback, useEffect, useRef, useState } from 'react';
import type { ChatSession, InboundMessageAccepted, MessageView } from '@baton/contracts';
import { API_URL, STORE_URL } from '../env';

interface Customer {
  id: string;
  name: string;
  tier: string;
}

const STAGE_LABELS: Record<string, string> = {
  triage: 'Reading your message',
  ai_handling: 'Talking to Baton',
  escalated: 'Waiting for a person',
  human: 'Talking to a person',
  feedback: 'Rating',
  closed: 'Closed',
};

/**
 * The customer's side of the web chat. The demo store (the business) opens a chat session for
 * the signed-in customer; from then on the browser holds only that conversation's token.
 */
export function ChatPage() {
  const [customers, setCustomers] = useState<Customer[]>([]);
  const [customerId, setCustomerId] = useState('');
  const [session, setSession] = useState<ChatSession | null>(null);
  const [conversationId, setConversationId] = useState<string | null>(null);
  const [messages, setMessages] = useState<MessageView[]>([]);
  const [stage, setStage] = useState<string | null>(null);
  const [draft, setDraft] = useState('');
  const [error, setError] = useState<string | null>(null);
  const list = useRef<HTMLOListElement>(null);

  useEffect(() => {
    fetch(`${STORE_URL}/customers`)
      .then((response) => response.json() as Promise<Customer[]>)
      .then((rows) => {
        setCustomers(rows);
        // The first customer by default, never over one already chosen (a second load must not reset the choice).
        setCustomerId((chosen) => chosen || (rows[0]?.id ?? ''));
      })
      .catch(() => setError('The demo store does not answer; is the platform running?'));
  }, []);

  useEffect(() => {
    if (!session || !conversationId) return;
    const url = `${API_URL}/chat/events?conversationId=${conversationId}&access_token=${encodeURIComponent(session.token)}`;
    const source = new EventSource(url);
    source.addEventListener('message', (event) => {
      const { message } = JSON.parse((event as MessageEvent).data) as { message: MessageView };
      setMessages((current) => (current.some((m) => m.id === message.id) ? current : [...current, message].sort((a, b) => a.seq - b.seq)));
    });
    source.addEventListener('stage', (event) => setStage((JSON.parse((event as MessageEvent).data) as { stage: string }).stage));
    return () => source.close();
  }, [session, conversationId]);

  useEffect(() => {
    list.current?.lastElementChild?.scrollIntoView({ block: 'end' });
  }, [messages]);

  const start = useCallback(async () => {
    setError(null);
    const response = await fetch(`${STORE_URL}/chat-sessions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ customerId }),
    });
    if (!response.ok) return setError('Could not open a chat session.');
    setSession((await response.json()) as ChatSession);
    setMessages([]);
    setConversationId(null);
    setStage(null);
  }, [customerId]);

  const send = useCallback(
    async (event: FormEvent) => {
      event.preventDefault();
      if (!session || !draft.trim()) return;
      const text = draft;
      setDraft('');
      const response = await fetch(`${API_URL}/chat/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${session.token}` },
        body: JSON.stringify({ text, idempotencyKey: crypto.randomUUID() }),
      });
      const body = await response.json();
      if (!response.ok) return setError(body.error?.message ?? 'The message was not accepted.');
      setError(null);
      const accepted = body as InboundMessageAccepted;
      if (accepted.conversationId !== conversationId) {
        setMessages([]);
        setConversationId(accepted.conversationId);
      }
    },
    [session, draft, conversationId],
  );

  if (!session) {
    return (
      <section className="chat-start">
        <h1>Customer chat demo</h1>
        <p className="muted">Sign in to the demo store as one of its customers and open the chat.</p>
        {error && <p className="notice error">{error}</p>}
        <label>
          Customer{' '}
          <select value={customerId} onChange={(event) => setCustomerId(event.target.value)} aria-label="Customer">
            {customers.map((customer) => (
              <option key={customer.id} value={customer.id}>
                {customer.name} ({customer.id}, {customer.tier})
              </option>
            ))}
          </select>
        </label>{' '}
        <button onClick={start} disabled={!customerId}>
          Open chat
        </button>
      </section>
    );
  }

  return (
    <section className="chat">
      <div className="chat-header">
        <h1>Chat</h1>
        <span className="stage" data-testid="stage">{stage ? STAGE_LABELS[stage] ?? stage : 'New conversation'}</span>
      </div>
      <ol className="messages" ref={list} aria-live="polite">
        {messages.length === 0 && <li className="muted empty">Say hello, or ask where order ORD-10042 is.</li>}
        {messages.map((message) => (
          <li key={message.id} className={`message ${message.role}`}>
            <span className="who">{message.role === 'customer' ? 'You' : message.role === 'agent' ? 'Agent' : 'Baton'}</span>
            <span className="text">{message.text}</span>
          </li>
        ))}
      </ol>
      {error && <p className="notice error">{error}</p>}
      <form className="composer" onSubmit={send}>
        <input value={draft} onChange={(event) => setDraft(event.target.value)} placeholder="Type a message" aria-label="Message" maxLength={8192} autoFocus />
        <button type="submit" disabled={!draft.trim()}>
          Send
        </button>
      </form>
    </section>
  );
}

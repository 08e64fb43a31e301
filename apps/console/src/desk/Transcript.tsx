import { useEffect, useRef } from 'react';
import type { MessageRole, MessageView } from '@baton/contracts';

const WHO: Record<MessageRole, string> = { customer: 'Customer', ai: 'AI', agent: 'Agent', system: 'System' };

/** The whole conversation, live: customer, AI, agent and system turns each marked as such. */
export function Transcript({ messages, me }: { messages: MessageView[]; me: string }) {
  const list = useRef<HTMLOListElement>(null);
  useEffect(() => {
    list.current?.lastElementChild?.scrollIntoView?.({ block: 'end' });
  }, [messages.length]);
  return (
    <ol className="messages desk-transcript" ref={list} aria-label="Transcript" aria-live="polite">
      {messages.map((message) => (
        <li key={message.id} className={`message ${message.role}`} data-role={message.role}>
          <span className="who">
            {WHO[message.role]}
            {message.role === 'agent' && message.author === me ? ' (you)' : ''} · {new Date(message.createdAt).toLocaleTimeString()}
          </span>
          <span className="text">{message.text}</span>
        </li>
      ))}
    </ol>
  );
}

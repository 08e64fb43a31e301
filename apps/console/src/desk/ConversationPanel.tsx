import { useState } from 'react';
import type { ConversationStage, TaskView } from '@baton/contracts';
import { deskApi } from '../api/desk-api';
import { AssistPanel } from './AssistPanel';
import { panelId, tabId } from './ConversationTabs';
import { ContextPanel } from './ContextPanel';
import { EarlierConversations } from './EarlierConversations';
import { ReplyBox } from './ReplyBox';
import { TaskActions } from './TaskActions';
import { Transcript } from './Transcript';
import { useAssist } from './use-assist';
import { useCannedResponses } from './use-canned-responses';
import { useConversation } from './use-conversation';

const STAGES: Record<ConversationStage, string> = {
  triage: 'triage',
  ai_handling: 'with the AI',
  escalated: 'waiting for a person',
  human: 'with you',
  feedback: 'rating',
  closed: 'closed',
};

export interface ConversationPanelProps {
  task: TaskView;
  me: string;
  onDone(taskId: string, action: 'transfer' | 'release' | 'resolve'): void;
}

/** One conversation I hold: the live transcript and my reply in the middle, context and AI help beside them. */
export function ConversationPanel({ task, me, onDone }: ConversationPanelProps) {
  const { view, error } = useConversation(task.conversationId);
  const lastCustomerMessage = view?.messages.filter((message) => message.role === 'customer').at(-1)?.id ?? null;
  const assist = useAssist(task.id, lastCustomerMessage);
  const canned = useCannedResponses(task.queue);
  const [draft, setDraft] = useState('');

  const takeSuggestion = (text: string) => {
    setDraft(text);
    document.getElementById('desk-reply')?.focus();
  };

  const send = async (text: string) => {
    await deskApi.reply(task.id, { text, idempotencyKey: crypto.randomUUID() });
  };

  return (
    <div className="desk-conversation" role="tabpanel" id={panelId(task.id)} aria-labelledby={tabId(task.id)}>
      <div className="desk-main">
        <header className="conversation-header">
          <h2>{view ? `Conversation with ${view.customerId}` : 'Conversation'}</h2>
          {view && <span className="stage">{STAGES[view.stage]}</span>}
          <TaskActions task={task} me={me} onDone={onDone} />
        </header>
        {error !== null && <p className="notice error">{(error as Error).message}</p>}
        {view ? <Transcript messages={view.messages} me={me} /> : !error && <p className="muted">Loading the conversation…</p>}
        <ReplyBox draft={draft} onDraftChange={setDraft} cannedResponses={canned} send={send} />
      </div>
      <aside className="desk-side">
        <AssistPanel assist={assist.assist} loading={assist.loading} error={assist.error} onUseSuggestion={takeSuggestion} />
        <ContextPanel task={task} messages={view?.messages ?? []} />
        {view && <EarlierConversations customerId={view.customerId} currentId={view.id} />}
      </aside>
    </div>
  );
}

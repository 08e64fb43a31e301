import { useEffect, useState } from 'react';
import type { ConversationEvent, ConversationView } from '@baton/contracts';
import { eventStreamUrl } from '../api/api-client';
import { deskApi } from '../api/desk-api';

/** Merges one event of GET /conversations/:id/events into the view. */
export function applyConversationEvent(view: ConversationView, event: ConversationEvent): ConversationView {
  switch (event.type) {
    case 'message':
      if (view.messages.some((message) => message.id === event.message.id)) return view;
      return { ...view, messages: [...view.messages, event.message].sort((a, b) => a.seq - b.seq) };
    case 'task':
      return { ...view, tasks: view.tasks.some((task) => task.id === event.task.id) ? view.tasks.map((task) => (task.id === event.task.id ? event.task : task)) : [...view.tasks, event.task] };
    case 'stage':
      return { ...view, stage: event.stage };
  }
}

/** A conversation as the agent sees it: loaded once, then kept live by its event stream. */
export function useConversation(id: string) {
  const [view, setView] = useState<ConversationView | null>(null);
  const [error, setError] = useState<unknown>(null);

  useEffect(() => {
    let source: EventSource | null = null;
    let current = true;
    deskApi.conversation(id).then(
      (loaded) => {
        if (!current) return;
        setView(loaded);
        source = new EventSource(eventStreamUrl(`/conversations/${encodeURIComponent(id)}/events`));
        const apply = (event: Event) => setView((shown) => shown && applyConversationEvent(shown, JSON.parse((event as MessageEvent).data) as ConversationEvent));
        for (const type of ['message', 'task', 'stage']) source.addEventListener(type, apply);
      },
      (caught: unknown) => current && setError(caught),
    );
    return () => {
      current = false;
      source?.close();
    };
  }, [id]);

  return { view, error };
}

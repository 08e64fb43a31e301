import { useCallback, useEffect, useMemo, useState } from 'react';
import type { AgentView, Presence, TaskView } from '@baton/contracts';
import { deskApi } from '../api/desk-api';
import { ConversationPanel } from './ConversationPanel';
import { ConversationTabs } from './ConversationTabs';
import { myTasks, offeredTasks, waitingTasks } from './desk-tasks';
import { OfferCard } from './OfferCard';
import { PresenceSelector } from './PresenceSelector';
import { QueueList } from './QueueList';
import { useClaim } from './use-claim';
import { useDeskEvents } from './use-desk-events';
import { useNow } from './use-now';

export interface DeskProps {
  agent: AgentView;
  onPresence(presence: Presence): void;
}

const STREAM_LABELS = { connecting: 'Connecting…', live: 'Live', reconnecting: 'Reconnecting…' } as const;

/** The agent's desk: presence, offers, the live queue and the conversations I hold. */
export function Desk({ agent, onPresence }: DeskProps) {
  const { state, dispatch, stream } = useDeskEvents(agent.id);
  const now = useNow();
  const waiting = useMemo(() => waitingTasks(state), [state]);
  const mine = useMemo(() => myTasks(state), [state]);
  const offers = useMemo(() => offeredTasks(state), [state]);
  const [selected, setSelected] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const { claim, pending, notice: claimNotice, dismiss } = useClaim(dispatch, setSelected);

  useEffect(() => {
    if (!mine.some((task) => task.id === selected)) setSelected(mine[0]?.id ?? null);
  }, [mine, selected]);

  const decline = useCallback(
    async (task: TaskView) => {
      try {
        await deskApi.decline(task.id);
        dispatch({ type: 'gone', taskId: task.id });
      } catch (error) {
        setNotice(`Could not decline: ${(error as Error).message}`);
      }
    },
    [dispatch],
  );

  const done = useCallback(
    (taskId: string, action: 'transfer' | 'release' | 'resolve') => {
      if (action === 'resolve') dispatch({ type: 'gone', taskId });
      setNotice(action === 'resolve' ? 'Resolved. The customer is asked for a rating.' : action === 'release' ? 'Released to the queue.' : 'Transferred.');
    },
    [dispatch],
  );

  const current = mine.find((task) => task.id === selected) ?? null;
  return (
    <div className="desk">
      <header className="desk-toolbar">
        <h1>Agent desk</h1>
        <PresenceSelector presence={agent.presence} onChange={onPresence} />
        <span className="muted small">
          {mine.length} of {agent.capacity} conversations
        </span>
        <span className={`stream-state stream-${stream}`} role="status">
          {STREAM_LABELS[stream]}
        </span>
      </header>
      {agent.presence !== 'available' && <p className="notice">You are {agent.presence}: no tasks are offered to you, and claims are refused until you are Available.</p>}
      {(claimNotice || notice) && (
        <p className="notice error" role="alert">
          {claimNotice?.message ?? notice}{' '}
          <button type="button" className="link-button" onClick={() => (dismiss(), setNotice(null))}>
            Dismiss
          </button>
        </p>
      )}
      {offers.map((task) => (
        <OfferCard key={task.id} task={task} now={now} busy={pending !== null} onAccept={claim} onDecline={decline} />
      ))}
      <section className="desk-queue" aria-labelledby="queue-heading">
        <h2 id="queue-heading">
          Waiting <span className="badge">{waiting.length}</span>
        </h2>
        <QueueList tasks={waiting} me={agent.id} now={now} pending={pending} onClaim={claim} />
      </section>
      <section className="desk-mine" aria-labelledby="mine-heading">
        <h2 id="mine-heading">
          My conversations <span className="badge">{mine.length}</span>
        </h2>
        {mine.length === 0 ? (
          <p className="muted">Claim a task to start. Your conversations open here as tabs.</p>
        ) : (
          <>
            <ConversationTabs tasks={mine} selected={selected} onSelect={setSelected} />
            {current && <ConversationPanel key={current.id} task={current} me={agent.id} onDone={done} />}
          </>
        )}
      </section>
    </div>
  );
}

import { Check, Timer, X } from 'lucide-react';
import type { TaskView } from '@baton/contracts';
import { PriorityBadge } from './PriorityBadge';
import { countdown } from './sla';

export interface OfferCardProps {
  task: TaskView;
  now: number;
  busy: boolean;
  onAccept(task: TaskView): void;
  onDecline(task: TaskView): void;
}

/** A task a push queue offers me, until its reservation lapses and it moves on to the next agent. */
export function OfferCard({ task, now, busy, onAccept, onDecline }: OfferCardProps) {
  const left = countdown(task.reservationExpiresAt, now);
  return (
    <section className="offer-card" role="region" aria-label="Offered to you">
      <div className="offer-heading">
        <strong>Offered to you</strong>
        <PriorityBadge priority={task.priority} />
        <span className="badge">{task.queue}</span>
        <span className="offer-countdown" aria-label={`Offer expires in ${left}`}>
          <Timer size={14} aria-hidden="true" /> {left}
        </span>
      </div>
      <p>{task.reason}</p>
      <p className="muted small">{task.context.summary}</p>
      <div className="button-row">
        <button type="button" disabled={busy} onClick={() => onAccept(task)}>
          <Check size={16} aria-hidden="true" /> Accept
        </button>
        <button type="button" className="button-secondary" disabled={busy} onClick={() => onDecline(task)}>
          <X size={16} aria-hidden="true" /> Decline
        </button>
      </div>
    </section>
  );
}

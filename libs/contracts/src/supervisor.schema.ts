import type { Presence } from './people.schema';
import type { QueueSettings } from './routing.schema';

/** How the claim service level went over the window: tasks claimed in time out of those whose outcome is known. */
export interface SlaAttainment {
  /** met / total as a percentage with one decimal. */
  percent: number;
  met: number;
  total: number;
}

export interface QueueOverview {
  name: string;
  /** The queue's title; its name when the queue has no settings (a flow escalates to it, nobody configured it). */
  title: string;
  mode: QueueSettings['mode'];
  /** False for a queue that tasks name but that has no row in the queue settings. */
  configured: boolean;
  /** Staffed now by its business hours (no hours: always). */
  openNow: boolean;
  /** Open tasks: waiting to be claimed (including those offered to an agent who has not accepted yet). */
  waiting: number;
  /** Tasks an agent holds now. */
  claimed: number;
  /** How long the oldest open task has waited; null when none waits. */
  longestWaitSeconds: number | null;
  /**
   * Tasks created in the last 24 hours with a claim deadline: claimed by the deadline, out of those
   * claimed or past it (tasks still inside their deadline, and cancelled before it, are not counted yet).
   * null when there are none.
   */
  slaAttainment: SlaAttainment | null;
  /** Open tasks past their claim deadline now. */
  breachedNow: number;
}

export interface AgentOverview {
  id: string;
  name: string;
  presence: Presence;
  presenceSince: string;
  capacity: number;
  /** Tasks held now: claimed, and offered but not yet accepted. */
  load: { claimed: number; reserved: number };
  skills: string[];
  /** Queues served; empty serves every queue. */
  queues: string[];
}

/** GET /supervisor/overview: every queue and every agent, as of `at`. */
export interface SupervisorOverview {
  at: string;
  /** The window SLA attainment is computed over, in hours. */
  slaWindowHours: number;
  queues: QueueOverview[];
  agents: AgentOverview[];
}

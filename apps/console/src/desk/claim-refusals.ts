/** Refusals that mean the task is no longer there for me to take: its row goes. */
const TASK_GONE = new Set(['TASK_ALREADY_CLAIMED', 'TASK_RESERVED', 'TASK_CLOSED', 'TASK_NOT_CLAIMABLE', 'TASK_NOT_FOUND']);

const MESSAGES: Record<string, string> = {
  TASK_ALREADY_CLAIMED: 'Another agent claimed it first.',
  TASK_RESERVED: 'It is offered to another agent right now.',
  TASK_CLOSED: 'It is closed: the conversation ended.',
  TASK_NOT_CLAIMABLE: 'It can no longer be claimed.',
  TASK_NOT_FOUND: 'It no longer exists.',
  AGENT_AT_CAPACITY: 'You are at capacity: resolve or release one of your conversations first.',
  AGENT_NOT_ELIGIBLE: 'You cannot take it: it needs a skill or queue you do not have, or your presence is not Available.',
  BUSY_RETRY: 'The conversation is busy; try again in a moment.',
};

export interface ClaimRefusal {
  message: string;
  /** The task cannot be claimed by anyone any more (or not by me now): drop it from the list. */
  taskGone: boolean;
}

/** What to tell the agent when a claim is refused, by the API's error code. */
export function claimRefusal(code: string, fallback: string): ClaimRefusal {
  return { message: MESSAGES[code] ?? fallback, taskGone: TASK_GONE.has(code) };
}

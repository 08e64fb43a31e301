import { TASK_PRIORITIES, type TaskView } from '@baton/contracts';

/** The tasks the desk knows of, by id: what GET /desk/events said last about each. */
export interface DeskTasks {
  /** The signed-in agent's id. */
  me: string;
  tasks: Readonly<Record<string, TaskView>>;
}

export type DeskAction =
  /** A task event from the stream (or the answer of a call that changed the task). */
  | { type: 'task'; task: TaskView }
  /** The task is no longer ours to show: someone else won it, or it was resolved. */
  | { type: 'gone'; taskId: string }
  /** We won the claim; the stream confirms it shortly. */
  | { type: 'claimed'; taskId: string; at: string }
  /** The stream reconnected and will send every visible task again. */
  | { type: 'reset' };

export const emptyDesk = (me: string): DeskTasks => ({ me, tasks: {} });

const without = (tasks: Readonly<Record<string, TaskView>>, id: string) => {
  if (!(id in tasks)) return tasks;
  const next = { ...tasks };
  delete next[id];
  return next;
};

/** Whether the desk shows the task at all: open for anyone or for me, or claimed by me. */
const visible = (task: TaskView, me: string) =>
  (task.status === 'open' && (task.reservedFor === null || task.reservedFor === me)) || (task.status === 'claimed' && task.claimedBy === me);

/** Applies one change. Events may arrive out of order after a reconnect: an older state of a task never replaces a newer one. */
export function deskReducer(state: DeskTasks, action: DeskAction): DeskTasks {
  switch (action.type) {
    case 'reset':
      return { ...state, tasks: {} };
    case 'gone':
      return { ...state, tasks: without(state.tasks, action.taskId) };
    case 'claimed': {
      const task = state.tasks[action.taskId];
      if (!task) return state;
      return { ...state, tasks: { ...state.tasks, [task.id]: { ...task, status: 'claimed', claimedBy: state.me, claimedAt: action.at, reservedFor: null, reservationExpiresAt: null } } };
    }
    case 'task': {
      const { task } = action;
      const known = state.tasks[task.id];
      if (known && known.updatedAt > task.updatedAt) return state;
      if (!visible(task, state.me)) return { ...state, tasks: without(state.tasks, task.id) };
      return { ...state, tasks: { ...state.tasks, [task.id]: task } };
    }
  }
}

const rank = (task: TaskView) => TASK_PRIORITIES.indexOf(task.priority);

/** Most pressing first: by priority, then the longest waiting. */
export const byPriorityThenAge = (a: TaskView, b: TaskView) => rank(a) - rank(b) || a.createdAt.localeCompare(b.createdAt);

/** Open tasks I may claim: anyone's to take, or offered to me. */
export const waitingTasks = (state: DeskTasks): TaskView[] => Object.values(state.tasks).filter((task) => task.status === 'open').sort(byPriorityThenAge);

/** The tasks I hold, in the order I took them. */
export const myTasks = (state: DeskTasks): TaskView[] =>
  Object.values(state.tasks)
    .filter((task) => task.status === 'claimed' && task.claimedBy === state.me)
    .sort((a, b) => (a.claimedAt ?? a.createdAt).localeCompare(b.claimedAt ?? b.createdAt));

/** Tasks a push queue offers me now, the soonest to expire first. */
export const offeredTasks = (state: DeskTasks): TaskView[] =>
  Object.values(state.tasks)
    .filter((task) => task.status === 'open' && task.reservedFor === state.me)
    .sort((a, b) => (a.reservationExpiresAt ?? '').localeCompare(b.reservationExpiresAt ?? ''));

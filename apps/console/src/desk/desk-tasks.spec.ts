import { deskReducer, type DeskTasks, emptyDesk, myTasks, offeredTasks, waitingTasks } from './desk-tasks';
import { taskFixture as task } from './task-fixture';

const ME = 'agent-me';
const apply = (...tasks: ReturnType<typeof task>[]): DeskTasks => tasks.reduce((state, t) => deskReducer(state, { type: 'task', task: t }), emptyDesk(ME));
const ids = (tasks: { id: string }[]) => tasks.map((t) => t.id);

describe('the desk task list', () => {
  it('lists open tasks most pressing first: by priority, then the longest waiting', () => {
    const state = apply(
      task({ id: 'normal-old', priority: 'normal', createdAt: '2026-12-04T09:00:00Z' }),
      task({ id: 'urgent-new', priority: 'urgent', createdAt: '2026-12-04T10:05:00Z' }),
      task({ id: 'normal-new', priority: 'normal', createdAt: '2026-12-04T10:00:00Z' }),
      task({ id: 'low', priority: 'low', createdAt: '2026-12-04T08:00:00Z' }),
      task({ id: 'high', priority: 'high', createdAt: '2026-12-04T10:10:00Z' }),
    );
    expect(ids(waitingTasks(state))).toEqual(['urgent-new', 'high', 'normal-old', 'normal-new', 'low']);
  });

  it("drops a task as soon as someone else claims it, and shows mine under my conversations", () => {
    let state = apply(task({ id: 'a' }), task({ id: 'b' }));
    state = deskReducer(state, { type: 'task', task: task({ id: 'a', status: 'claimed', claimedBy: 'agent-other', updatedAt: '2026-12-04T10:01:00Z' }) });
    state = deskReducer(state, { type: 'task', task: task({ id: 'b', status: 'claimed', claimedBy: ME, claimedAt: '2026-12-04T10:02:00Z', updatedAt: '2026-12-04T10:02:00Z' }) });
    expect(ids(waitingTasks(state))).toEqual([]);
    expect(ids(myTasks(state))).toEqual(['b']);
    expect(state.tasks.a).toBeUndefined();
  });

  it('shows a task offered to me as an offer (and in the queue), and hides one offered to someone else', () => {
    const state = apply(
      task({ id: 'mine', reservedFor: ME, reservationExpiresAt: '2026-12-04T10:00:30Z' }),
      task({ id: 'theirs', reservedFor: 'agent-other', reservationExpiresAt: '2026-12-04T10:00:30Z' }),
      task({ id: 'anyone' }),
    );
    expect(ids(offeredTasks(state))).toEqual(['mine']);
    expect(ids(waitingTasks(state)).sort()).toEqual(['anyone', 'mine']);
  });

  it('forgets resolved and cancelled tasks, and brings back one released to the queue', () => {
    let state = apply(task({ id: 'a', status: 'claimed', claimedBy: ME }), task({ id: 'b' }));
    state = deskReducer(state, { type: 'task', task: task({ id: 'a', status: 'resolved', claimedBy: ME, updatedAt: '2026-12-04T10:05:00Z' }) });
    state = deskReducer(state, { type: 'task', task: task({ id: 'b', status: 'cancelled', updatedAt: '2026-12-04T10:05:00Z' }) });
    expect(Object.keys(state.tasks)).toEqual([]);
    state = deskReducer(state, { type: 'task', task: task({ id: 'c', status: 'claimed', claimedBy: 'agent-other' }) });
    state = deskReducer(state, { type: 'task', task: task({ id: 'c', status: 'open', claimedBy: null, updatedAt: '2026-12-04T10:06:00Z' }) });
    expect(ids(waitingTasks(state))).toEqual(['c']);
  });

  it('keeps the newer state of a task when an older event arrives late', () => {
    let state = apply(task({ id: 'a', status: 'claimed', claimedBy: ME, updatedAt: '2026-12-04T10:05:00Z' }));
    state = deskReducer(state, { type: 'task', task: task({ id: 'a', status: 'open', updatedAt: '2026-12-04T10:00:00Z' }) });
    expect(ids(myTasks(state))).toEqual(['a']);
  });

  it('moves a task I won to my conversations at once, and removes one a refused claim showed gone', () => {
    let state = apply(task({ id: 'won' }), task({ id: 'lost' }));
    state = deskReducer(state, { type: 'claimed', taskId: 'won', at: '2026-12-04T10:03:00Z' });
    state = deskReducer(state, { type: 'gone', taskId: 'lost' });
    expect(ids(myTasks(state))).toEqual(['won']);
    expect(state.tasks.won!.claimedBy).toBe(ME);
    expect(ids(waitingTasks(state))).toEqual([]);
  });

  it('starts again from what the stream resends after a reconnect', () => {
    const state = deskReducer(apply(task({ id: 'stale' })), { type: 'reset' });
    expect(state.tasks).toEqual({});
    expect(state.me).toBe(ME);
  });
});

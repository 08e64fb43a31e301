import { agentMaySee, type AgentScope, scopeSees, seesEveryTask, type TaskScope } from './task-access';

const agent: AgentScope = { id: 'a1', skills: ['licensed', 'spanish'], queues: ['support', 'compliance'] };
const task = (fields: Partial<TaskScope> = {}): TaskScope => ({
  queue: 'support',
  requiredSkills: [],
  status: 'open',
  claimedBy: null,
  reservedFor: null,
  ...fields,
});

describe('which tasks an agent sees', () => {
  it.each([
    ['an open task in a queue they serve', task(), true],
    ['an open task needing skills they have', task({ queue: 'compliance', requiredSkills: ['licensed', 'spanish'] }), true],
    ['an open task needing a skill they lack', task({ requiredSkills: ['french'] }), false],
    ['an open task in a queue they do not serve', task({ queue: 'retention' }), false],
    ["someone else's claimed task", task({ status: 'claimed', claimedBy: 'a2' }), false],
    ['their own claimed task, even in another queue', task({ queue: 'retention', status: 'claimed', claimedBy: 'a1' }), true],
    ['a task offered to them, even needing a skill they lack', task({ requiredSkills: ['french'], reservedFor: 'a1' }), true],
    ['a resolved task they did not hold', task({ status: 'resolved' }), false],
  ])('%s: %s', (_case, candidate, expected) => {
    expect(agentMaySee(agent, candidate)).toBe(expected);
  });

  it('takes no queues to mean every queue', () => {
    expect(agentMaySee({ ...agent, queues: [] }, task({ queue: 'anything' }))).toBe(true);
  });

  it('lets supervisors and admins see every task, and nobody else', () => {
    const principal = (roles: ('admin' | 'supervisor' | 'agent' | 'designer')[]) => ({ kind: 'user' as const, id: 'p', name: 'P', roles });
    expect(seesEveryTask(principal(['supervisor']))).toBe(true);
    expect(seesEveryTask(principal(['admin']))).toBe(true);
    expect(seesEveryTask(principal(['agent', 'designer']))).toBe(false);
  });

  it('lets someone without an agent profile see only the tasks they hold', () => {
    const caller = { kind: 'api_key' as const, id: 'a1', name: 'K', roles: ['agent' as const] };
    expect(scopeSees(caller, null, task())).toBe(false);
    expect(scopeSees(caller, null, task({ status: 'claimed', claimedBy: 'a1' }))).toBe(true);
    expect(scopeSees(caller, null, task({ reservedFor: 'a1' }))).toBe(true);
    expect(scopeSees(caller, agent, task())).toBe(true);
  });
});

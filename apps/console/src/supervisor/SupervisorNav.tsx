import { SubNav } from '../ui/SubNav';

const SUPERVISOR_LINKS = [
  { href: '/supervisor', text: 'Overview' },
  { href: '/supervisor/agents', text: 'Agents' },
  { href: '/supervisor/queues', text: 'Queues' },
] as const;

/** Between the supervisor's overview and the agents' and queues' settings. */
export function SupervisorNav() {
  return <SubNav label="Supervisor" links={SUPERVISOR_LINKS} />;
}

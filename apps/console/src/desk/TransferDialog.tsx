import type { TaskView, TransferTask } from '@baton/contracts';
import { hasRole } from '../auth/roles';
import { usePrincipal } from '../auth/use-principal';
import { Dialog } from '../ui/Dialog';
import { TransferForm } from './TransferForm';
import { useTransferTargets } from './use-transfer-targets';

export interface TransferDialogProps {
  task: TaskView;
  me: string;
  transfer(body: TransferTask): Promise<void>;
  onClose(): void;
}

/** Transfer to a queue, or (for supervisors, who may list agents) to one agent. */
export function TransferDialog({ task, me, transfer, onClose }: TransferDialogProps) {
  const principal = usePrincipal();
  const targets = useTransferTargets(me, principal.status === 'signed-in' && hasRole(principal.principal, 'supervisor'));
  return (
    <Dialog title="Transfer the conversation" onClose={onClose}>
      {targets.error && <p className="notice error">{targets.error}</p>}
      <TransferForm queues={targets.queues} agents={targets.agents} currentQueue={task.queue} transfer={transfer} onCancel={onClose} />
    </Dialog>
  );
}

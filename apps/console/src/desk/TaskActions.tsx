import { useState } from 'react';
import { ArrowRightLeft, CheckCircle2, Undo2 } from 'lucide-react';
import type { ReleaseTask, ResolveTask, TaskView, TransferTask } from '@baton/contracts';
import { deskApi } from '../api/desk-api';
import { Dialog } from '../ui/Dialog';
import { ReleaseForm } from './ReleaseForm';
import { ResolveForm } from './ResolveForm';
import { TransferDialog } from './TransferDialog';

type Action = 'transfer' | 'release' | 'resolve';

export interface TaskActionsProps {
  task: TaskView;
  me: string;
  /** The task left my hands (resolved, released or transferred). */
  onDone(taskId: string, action: Action): void;
}

/** Transfer, release or resolve the task I hold, each in a dialog that asks what the API needs. */
export function TaskActions({ task, me, onDone }: TaskActionsProps) {
  const [open, setOpen] = useState<Action | null>(null);
  const close = () => setOpen(null);
  const finish = (action: Action) => () => {
    setOpen(null);
    onDone(task.id, action);
  };
  return (
    <div className="task-actions" role="group" aria-label="Conversation actions">
      <button type="button" className="button-secondary" onClick={() => setOpen('transfer')}>
        <ArrowRightLeft size={16} aria-hidden="true" /> Transfer
      </button>
      <button type="button" className="button-secondary" onClick={() => setOpen('release')}>
        <Undo2 size={16} aria-hidden="true" /> Release
      </button>
      <button type="button" onClick={() => setOpen('resolve')}>
        <CheckCircle2 size={16} aria-hidden="true" /> Resolve
      </button>
      {open === 'transfer' && (
        <TransferDialog task={task} me={me} transfer={(body: TransferTask) => deskApi.transfer(task.id, body).then(finish('transfer'))} onClose={close} />
      )}
      {open === 'release' && (
        <Dialog title="Release to the queue" onClose={close}>
          <ReleaseForm release={(body: ReleaseTask) => deskApi.release(task.id, body).then(finish('release'))} onCancel={close} />
        </Dialog>
      )}
      {open === 'resolve' && (
        <Dialog title="Resolve the conversation" onClose={close}>
          <ResolveForm resolve={(body: ResolveTask) => deskApi.resolve(task.id, body).then(finish('resolve'))} onCancel={close} />
        </Dialog>
      )}
    </div>
  );
}

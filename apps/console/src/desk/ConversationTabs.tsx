import type { TaskView } from '@baton/contracts';

export interface ConversationTabsProps {
  tasks: TaskView[];
  selected: string | null;
  onSelect(taskId: string): void;
}

export const tabId = (taskId: string) => `desk-tab-${taskId}`;
export const panelId = (taskId: string) => `desk-panel-${taskId}`;

/** The conversations I hold, one tab each; arrow keys move between them. */
export function ConversationTabs({ tasks, selected, onSelect }: ConversationTabsProps) {
  const move = (event: React.KeyboardEvent, index: number) => {
    const step = event.key === 'ArrowRight' ? 1 : event.key === 'ArrowLeft' ? -1 : 0;
    if (!step) return;
    const next = tasks[(index + step + tasks.length) % tasks.length]!;
    onSelect(next.id);
    document.getElementById(tabId(next.id))?.focus();
  };
  return (
    <div className="tabs desk-tabs" role="tablist" aria-label="My conversations">
      {tasks.map((task, index) => (
        <button
          key={task.id}
          type="button"
          role="tab"
          id={tabId(task.id)}
          aria-selected={task.id === selected}
          aria-controls={panelId(task.id)}
          tabIndex={task.id === selected ? 0 : -1}
          onClick={() => onSelect(task.id)}
          onKeyDown={(event) => move(event, index)}
        >
          {task.customerId ?? task.queue}
          <span className="muted small"> · {task.queue}</span>
        </button>
      ))}
    </div>
  );
}

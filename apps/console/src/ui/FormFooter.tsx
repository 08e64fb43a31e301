import type { ReactNode } from 'react';

/** The end of a task action's form: what went wrong, the action (showing it is under way) and Cancel. */
export function FormFooter({ error, busy, icon, label, busyLabel, onCancel }: { error: string | null | undefined; busy: boolean; icon: ReactNode; label: string; busyLabel: string; onCancel(): void }) {
  return (
    <>
      {error && (
        <p className="notice error" role="alert">
          {error}
        </p>
      )}
      <div className="button-row">
        <button type="submit" disabled={busy}>
          {icon} {busy ? busyLabel : label}
        </button>
        <button type="button" className="button-secondary" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </>
  );
}

import type { ReactNode } from 'react';

/** The end of a form: what went wrong, the submit button (showing it is under way) and, when the form can be left, Cancel. */
export function FormFooter({ error, busy, icon, label, busyLabel, onCancel }: { error: string | null | undefined; busy: boolean; icon: ReactNode; label: string; busyLabel: string; onCancel?(): void }) {
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
        {onCancel && (
          <button type="button" className="button-secondary" onClick={onCancel}>
            Cancel
          </button>
        )}
      </div>
    </>
  );
}

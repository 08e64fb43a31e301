import { useEffect, useRef } from 'react';

export interface DialogProps {
  title: string;
  children: React.ReactNode;
  onClose(): void;
}

/** A modal on the native <dialog>: focus is trapped, Escape closes it. */
export function Dialog({ title, children, onClose }: DialogProps) {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal();
    return () => dialog?.close();
  }, []);
  return (
    <dialog ref={ref} className="dialog" aria-label={title} onCancel={(event) => (event.preventDefault(), onClose())}>
      <h2>{title}</h2>
      {children}
    </dialog>
  );
}

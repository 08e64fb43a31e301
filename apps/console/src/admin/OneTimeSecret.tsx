import { useState } from 'react';
import { Copy } from 'lucide-react';

export interface OneTimeSecretProps {
  /** What the secret is, e.g. "One-time password for Dana". */
  label: string;
  secret: string;
  /** What the reader should do with it. */
  hint: string;
  onDone(): void;
}

/** A password or key the API answers once: shown here once, to copy now. */
export function OneTimeSecret({ label, secret, hint, onDone }: OneTimeSecretProps) {
  const [copied, setCopied] = useState<boolean | null>(null);
  const copy = () => navigator.clipboard.writeText(secret).then(
    () => setCopied(true),
    () => setCopied(false),
  );
  return (
    <section className="one-time-secret" aria-label={label}>
      <label htmlFor="one-time-secret">{label}</label>
      <div className="inline-controls">
        <input id="one-time-secret" className="mono" readOnly value={secret} onFocus={(event) => event.target.select()} />
        <button type="button" className="button-secondary small" onClick={copy}>
          <Copy size={14} aria-hidden="true" /> Copy
        </button>
      </div>
      <p className="field-help" role="status">
        {copied === true ? 'Copied. ' : copied === false ? 'Could not copy: select it and copy by hand. ' : ''}
        {hint} It is not shown again.
      </p>
      <button type="button" className="small" onClick={onDone}>
        Done
      </button>
    </section>
  );
}

import { PRESENCES, type Presence } from '@baton/contracts';

const LABELS: Record<Presence, string> = { available: 'Available', busy: 'Busy', away: 'Away', offline: 'Offline' };

/** Whether I take new work: only Available agents are offered tasks or may claim them. */
export function PresenceSelector({ presence, onChange }: { presence: Presence; onChange(presence: Presence): void }) {
  return (
    <label className={`presence presence-${presence}`}>
      <span className="presence-dot" aria-hidden="true" />
      Presence{' '}
      <select value={presence} onChange={(event) => onChange(event.target.value as Presence)}>
        {PRESENCES.map((option) => (
          <option key={option} value={option}>
            {LABELS[option]}
          </option>
        ))}
      </select>
    </label>
  );
}

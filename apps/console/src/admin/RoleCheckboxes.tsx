import type { Role } from '@baton/contracts';
import { ROLE_HELP } from './roles';

export interface RoleCheckboxesProps<R extends Role> {
  id: string;
  options: readonly R[];
  value: readonly R[];
  onChange(roles: R[]): void;
  error?: string;
}

/** One checkbox per role, with what it opens; the roles keep the order of `options`. */
export function RoleCheckboxes<R extends Role>({ id, options, value, onChange, error }: RoleCheckboxesProps<R>) {
  const toggle = (role: R, on: boolean) => onChange(options.filter((option) => (option === role ? on : value.includes(option))));
  return (
    <fieldset className={`field-group role-checkboxes${error ? ' field-invalid' : ''}`} aria-describedby={error ? `${id}-error` : undefined} data-field={id}>
      <legend>Roles</legend>
      {options.map((role) => (
        <div key={role} className="choice">
          <label className="checkbox-label">
            <input type="checkbox" name={id} value={role} checked={value.includes(role)} aria-describedby={`${id}-${role}-help`} onChange={(event) => toggle(role, event.target.checked)} /> {role}
          </label>
          <span className="muted small" id={`${id}-${role}-help`}>
            {ROLE_HELP[role]}
          </span>
        </div>
      ))}
      {error && (
        <p className="field-error" id={`${id}-error`}>
          {error}
        </p>
      )}
    </fieldset>
  );
}

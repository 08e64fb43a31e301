import { type FormEvent, useState } from 'react';
import { UserPlus } from 'lucide-react';
import { type CreatedUserView, type CreateUser, createUserSchema } from '@baton/contracts';
import { FormField } from '../campaigns/FormField';
import { checkWith, type FormErrors, formErrors, NO_ERRORS } from '../campaigns/field-errors';
import { RoleCheckboxes } from './RoleCheckboxes';
import { USER_ROLES } from './roles';
import { FormFooter } from '../ui/FormFooter';

const FIELDS = ['name', 'email', 'roles', 'password'] as const;
type UserRole = CreateUser['roles'][number];

export interface UserFormProps {
  create(body: CreateUser): Promise<CreatedUserView>;
  onCreated(user: CreatedUserView): void;
}

/** Creates a user; without a password the API makes a one-time password, which `onCreated` receives. */
export function UserForm({ create, onCreated }: UserFormProps) {
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const [roles, setRoles] = useState<UserRole[]>(['agent']);
  const [password, setPassword] = useState('');
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const checked = checkWith(createUserSchema, { name, email: email.trim(), roles, ...(password ? { password } : {}) }, FIELDS);
    if ('errors' in checked) return setErrors(checked.errors);
    setBusy(true);
    setErrors(NO_ERRORS);
    try {
      const created = await create(checked.body);
      setName('');
      setEmail('');
      setPassword('');
      onCreated(created);
    } catch (caught) {
      setErrors(formErrors(caught, FIELDS, { USER_EXISTS: 'email' }));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form onSubmit={submit} aria-label="New user" noValidate>
      <div className="form-grid">
        <FormField id="user-name" label="Name" required error={errors.fields.name}>
          {(control) => <input {...control} autoComplete="off" value={name} onChange={(event) => setName(event.target.value)} />}
        </FormField>
        <FormField id="user-email" label="Email" required error={errors.fields.email} help="What they sign in with">
          {(control) => <input {...control} type="email" autoComplete="off" value={email} onChange={(event) => setEmail(event.target.value)} />}
        </FormField>
        <FormField id="user-password" label="Password" error={errors.fields.password} help="Leave empty for a one-time password, shown once, that they must change at first sign-in">
          {(control) => <input {...control} type="password" autoComplete="new-password" value={password} onChange={(event) => setPassword(event.target.value)} />}
        </FormField>
      </div>
      <RoleCheckboxes id="user-roles" options={USER_ROLES} value={roles} onChange={setRoles} error={errors.fields.roles} />
      <FormFooter error={errors.general} busy={busy} icon={<UserPlus size={16} aria-hidden="true" />} label="Create user" busyLabel="Creating…" />
    </form>
  );
}

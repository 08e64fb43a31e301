import { type FormEvent, useState } from 'react';
import { Save } from 'lucide-react';
import { type UpdateUser, updateUserSchema, type UserView } from '@baton/contracts';
import { checkWith, type FormErrors, formErrors, NO_ERRORS } from '../campaigns/field-errors';
import { FormFooter } from '../ui/FormFooter';
import { RoleCheckboxes } from './RoleCheckboxes';
import { USER_ROLES } from './roles';

type UserRole = NonNullable<UpdateUser['roles']>[number];

export interface UserRolesFormProps {
  user: UserView;
  update(body: UpdateUser): Promise<void>;
  onCancel(): void;
}

/** Changes a user's roles, in place of the roles shown in their row. */
export function UserRolesForm({ user, update, onCancel }: UserRolesFormProps) {
  const [roles, setRoles] = useState<UserRole[]>(USER_ROLES.filter((role) => user.roles.includes(role)));
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const checked = checkWith(updateUserSchema, { roles }, ['roles']);
    if ('errors' in checked) return setErrors(checked.errors);
    setBusy(true);
    try {
      await update(checked.body);
    } catch (caught) {
      setErrors(formErrors(caught, ['roles']));
      setBusy(false);
    }
  };

  return (
    <form onSubmit={submit} aria-label={`Roles of ${user.name}`} noValidate>
      <RoleCheckboxes id={`roles-${user.id}`} options={USER_ROLES} value={roles} onChange={setRoles} error={errors.fields.roles} />
      <FormFooter error={errors.general} busy={busy} icon={<Save size={14} aria-hidden="true" />} label="Save roles" busyLabel="Saving…" onCancel={onCancel} />
    </form>
  );
}

import { type FormEvent, useState } from 'react';
import { KeyRound } from 'lucide-react';
import { type CreateApiKey, createApiKeySchema, type CreatedApiKeyView, type Role, ROLES } from '@baton/contracts';
import { FormField } from '../campaigns/FormField';
import { checkWith, type FormErrors, formErrors, NO_ERRORS } from '../campaigns/field-errors';
import { RoleCheckboxes } from './RoleCheckboxes';
import { FormFooter } from '../ui/FormFooter';

const FIELDS = ['name', 'roles'] as const;

export interface ApiKeyFormProps {
  create(body: CreateApiKey): Promise<CreatedApiKeyView>;
  onCreated(key: CreatedApiKeyView): void;
}

/** Creates an API key for a script or an integration; `onCreated` receives the key, answered this once. */
export function ApiKeyForm({ create, onCreated }: ApiKeyFormProps) {
  const [name, setName] = useState('');
  const [roles, setRoles] = useState<Role[]>(['integration']);
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const checked = checkWith(createApiKeySchema, { name, roles }, FIELDS);
    if ('errors' in checked) return setErrors(checked.errors);
    setBusy(true);
    setErrors(NO_ERRORS);
    try {
      const created = await create(checked.body);
      setName('');
      onCreated(created);
    } catch (caught) {
      setErrors(formErrors(caught, FIELDS));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form onSubmit={submit} aria-label="New API key" noValidate>
      <FormField id="api-key-name" label="Name" required error={errors.fields.name} help="Who or what uses it, e.g. shop-webhooks">
        {(control) => <input {...control} autoComplete="off" value={name} onChange={(event) => setName(event.target.value)} />}
      </FormField>
      <RoleCheckboxes id="api-key-roles" options={ROLES} value={roles} onChange={setRoles} error={errors.fields.roles} />
      <FormFooter error={errors.general} busy={busy} icon={<KeyRound size={16} aria-hidden="true" />} label="Create API key" busyLabel="Creating…" />
    </form>
  );
}

import type { DataSource } from 'typeorm';
import { keywordTriage } from '@baton/nlu';
import type { ConversationActivities, EchoActivities } from '@baton/workflows';
import { createBusinessActivities, type BusinessBackend } from './business.activities';
import { createReadModelActivities } from './read-model.activities';

export interface ActivityDependencies {
  db: DataSource;
  backend: BusinessBackend;
}

/** Every activity the worker registers, built from its dependencies. */
export function createActivities({ db, backend }: ActivityDependencies): ConversationActivities & EchoActivities {
  const readModels = createReadModelActivities(db);
  return {
    ...readModels,
    ...createBusinessActivities(backend),
    async recordCustomerMessage(record) {
      const signals = keywordTriage(record.text);
      await readModels.recordMessage({ ...record, signals });
      return signals;
    },
    async echo(text: string) {
      return text;
    },
  };
}

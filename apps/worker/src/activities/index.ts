import type { DataSource } from 'typeorm';
import { keywordTriage } from '@baton/nlu';
import type { CampaignActivities, ConversationActivities, EchoActivities } from '@baton/workflows';
import { createActionActivities, type ActionSettings } from './action.activities';
import { type CampaignDependencies, createCampaignActivities } from './campaign.activities';
import { createDeliveryActivities, type DeliverySettings } from './delivery.activities';
import { createFlowActivities } from './flow.activities';
import { createKnowledgeActivities } from './knowledge.activities';
import { createReadModelActivities } from './read-model.activities';

export interface ActivityDependencies {
  db: DataSource;
  actions: ActionSettings;
  delivery: DeliverySettings;
  campaigns: CampaignDependencies;
}

/** Every activity the worker registers, built from its dependencies. */
export function createActivities({ db, actions, delivery, campaigns }: ActivityDependencies): ConversationActivities & CampaignActivities & EchoActivities {
  const readModels = createReadModelActivities(db);
  return {
    ...readModels,
    ...createFlowActivities(db),
    ...createActionActivities(actions),
    ...createKnowledgeActivities(db),
    ...createDeliveryActivities(db, delivery),
    ...createCampaignActivities(campaigns),
    async recordCustomerMessage(record) {
      const signals = keywordTriage(record.text);
      await readModels.recordMessage({ ...record, signals });
      return signals;
    },
    async classifyMessage({ text }) {
      return keywordTriage(text);
    },
    async echo(text: string) {
      return text;
    },
  };
}

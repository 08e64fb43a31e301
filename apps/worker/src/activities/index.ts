import type { DataSource } from 'typeorm';
import type { CampaignActivities, ConversationActivities, EchoActivities } from '@baton/workflows';
import { createActionActivities, type ActionSettings } from './action.activities';
import { type CampaignDependencies, createCampaignActivities } from './campaign.activities';
import { createDeliveryActivities, type DeliverySettings } from './delivery.activities';
import { createFlowActivities } from './flow.activities';
import { createKnowledgeActivities } from './knowledge.activities';
import { createTriage } from './nlu.activities';
import { createReadModelActivities } from './read-model.activities';
import { createRoutingActivities } from './routing.activities';

export interface ActivityDependencies {
  db: DataSource;
  actions: ActionSettings;
  delivery: DeliverySettings;
  campaigns: CampaignDependencies;
}

/** Every activity the worker registers, built from its dependencies. */
export function createActivities({ db, actions, delivery, campaigns }: ActivityDependencies): ConversationActivities & CampaignActivities & EchoActivities {
  const readModels = createReadModelActivities(db);
  const { triage, warmUp } = createTriage(db);
  // Ready the intent model (and its encoder) while the worker starts, not on a customer's first message.
  warmUp().then(
    ({ model, encoder }) => {
      if (model) console.log(`Intent model ${model.name} v${model.version} loaded${encoder ? `, sentence encoder ${encoder} open` : ''}`);
    },
    (error: Error) => console.warn(`Intent model not loaded ahead of the first message: ${error.message}`),
  );
  return {
    ...readModels,
    ...createRoutingActivities(db),
    ...createFlowActivities(db),
    ...createActionActivities(actions),
    ...createKnowledgeActivities(db),
    ...createDeliveryActivities(db, delivery),
    ...createCampaignActivities(campaigns),
    async recordCustomerMessage(record) {
      const signals = await triage(record.text);
      await readModels.recordMessage({ ...record, signals });
      return signals;
    },
    async classifyMessage({ text, model }) {
      return triage(text, model);
    },
    async echo(text: string) {
      return text;
    },
  };
}

/** The worker's workflow bundle entry: every workflow type and nothing else. */
export { campaignWorkflow } from './campaign.workflow';
export { conversationWorkflow } from './conversation.workflow';
export { echoWorkflow } from './echo.workflow';

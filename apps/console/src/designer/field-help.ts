/**
 * Inline help for config fields, keyed `<node type>.<field path>` (array indexes left out). The
 * catalog's JSON Schema carries types and bounds; this is the designer's wording for people.
 */
export const FIELD_HELP: Record<string, string> = {
  'start.trigger': 'Conversation flows start on a customer message; outreach flows on a business event or a schedule.',
  'start.eventName': 'Outreach: the business event that starts the flow, e.g. shipment.delayed.',
  'start.cron': 'Outreach: a cron expression, e.g. 0 9 * * 1-5 for weekdays at nine.',
  'classify.model': 'A trained intent model that reads the message; leave empty for the default model.',
  'classify.model.version': "Pin a version; leave empty to follow the model's current version.",
  'classify.intentFloor': 'Intents under this confidence (0 to 1) count as not understood (out of scope).',
  'condition.expression': 'True goes one way, false (or an error) the other. Example: signals.sentiment < -0.5',
  'switch.cases': 'Checked in order; the first case whose expression is true wins, otherwise "Otherwise".',
  'switch.cases.port': 'The output name; letters, digits, "_" and "-".',
  'switch.cases.when': 'Example: signals.intent == "cancellation"',
  'ai_reply.source': 'Answer from a knowledge base, or with a fixed text per intent.',
  'ai_reply.templates': 'Reply text per intent label; an intent without a template goes to Fallback.',
  'ai_reply.confidenceFloor': 'Answers under this confidence go to Fallback and count as an AI failure.',
  'action.url': 'May contain {{ expressions }}, e.g. https://shop.example/orders/{{ vars.orderNumber }}',
  'action.headers': 'Header values come from named secrets the worker holds, never from the flow.',
  'action.responseMapping': 'Each variable gets the value of an expression over response.status and response.body.',
  'action.timeoutSeconds': 'From 1 to 60 seconds.',
  'collect.variable': 'The answer is stored as vars.<name>.',
  'collect.pattern': 'For value type "pattern": a regular expression the whole answer must match.',
  'collect.maxAttempts': 'How many answers to try before going to "Gave up".',
  'collect.timeoutSeconds': 'From 10 seconds to 7 days.',
  'send.channelTemplate': 'Outreach: a pre-approved channel template (e.g. WhatsApp) to send instead of the text.',
  'wait.seconds': 'From 1 second to 30 days.',
  'wait_for_reply.timeoutSeconds': 'From 10 seconds to 30 days.',
  'wait_for_reply.variable': 'Store the reply text in vars.<name>.',
  'business_hours.queue': "A queue whose business hours (time zone, weekly hours, holidays) to read when the node runs; leave empty to use this node's own calendar.",
  'business_hours.timeZone': 'An IANA time zone, e.g. Europe/Berlin (not used when a queue is named).',
  'business_hours.holidays': 'Dates (YYYY-MM-DD) when the business is closed all day.',
  'escalate.queue': 'The queue agents pick tasks from, e.g. care, billing, retention. Required.',
  'escalate.priority': 'Urgent tasks are shown first in the queue.',
  'escalate.requiredSkills': 'Only agents with all these skills see the task (comma-separated).',
  'escalate.reason': 'Shown to the agent: why a person is needed. May contain {{ expressions }}.',
  'escalate.handoffMessage': 'Sent to the customer when the task is created.',
  'escalate.sla': 'Targets in seconds (10 s to 30 days); a breach goes to "SLA breached" when it is connected.',
  'survey.scale': 'Scores from 1 to this number.',
  'survey.timeoutSeconds': 'From 60 seconds to 7 days.',
  'set_variable.assignments': 'Each variable gets the value of its expression, in order.',
  'tag.add': 'Comma-separated tags, for reporting.',
  'subflow.flowId': 'The id of another flow of the same kind.',
  'end.outcome': 'How the conversation is counted in reports.',
};

/** Help for a field path such as `cases[2].when` of a node type. */
export const fieldHelp = (type: string, path: string): string | undefined => FIELD_HELP[`${type}.${path.replace(/\[\d+\]/g, '')}`];

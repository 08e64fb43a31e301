import {
  Box,
  CircleStop,
  Clock,
  GitBranch,
  Headset,
  MessageCircleReply,
  Play,
  ScanText,
  Send,
  Sparkles,
  Split,
  Star,
  Tag,
  TextCursorInput,
  Timer,
  Variable,
  Webhook,
  Workflow,
  type LucideIcon,
} from 'lucide-react';

/** The lucide icons the node catalog names, imported one by one so the bundle holds only these. */
const ICONS: Record<string, LucideIcon> = {
  play: Play,
  'scan-text': ScanText,
  'git-branch': GitBranch,
  split: Split,
  sparkles: Sparkles,
  webhook: Webhook,
  'form-input': TextCursorInput,
  send: Send,
  timer: Timer,
  'message-circle-reply': MessageCircleReply,
  clock: Clock,
  headset: Headset,
  star: Star,
  variable: Variable,
  tag: Tag,
  workflow: Workflow,
  'circle-stop': CircleStop,
};

export function NodeIcon({ name, size = 16 }: { name: string; size?: number }) {
  const Icon = ICONS[name] ?? Box;
  return <Icon size={size} aria-hidden="true" />;
}

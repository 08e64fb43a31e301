import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { UserMenu } from './auth/UserMenu';
import { AdminApiKeysPage, AdminUsersPage } from './pages/AdminPage';
import { CampaignPage, CampaignsPage } from './pages/CampaignsPage';
import { ChatPage } from './pages/ChatPage';
import { DeskPage } from './pages/DeskPage';
import { DesignerPage } from './pages/DesignerPage';
import { FlowsPage } from './pages/FlowsPage';
import { HomePage } from './pages/HomePage';
import { SupervisorPage } from './pages/SupervisorPage';
import { SupervisorAgentsPage, SupervisorQueuesPage } from './pages/SupervisorSettingsPages';
import { MainNav } from './ui/MainNav';
import './styles.css';

const path = window.location.pathname.replace(/\/+$/, '') || '/';
const pages: Record<string, () => React.JSX.Element> = {
  '/': HomePage,
  '/chat': ChatPage,
  '/flows': FlowsPage,
  '/campaigns': CampaignsPage,
  '/desk': DeskPage,
  '/supervisor': SupervisorPage,
  '/supervisor/agents': SupervisorAgentsPage,
  '/supervisor/queues': SupervisorQueuesPage,
  '/admin': AdminUsersPage,
  '/admin/users': AdminUsersPage,
  '/admin/api-keys': AdminApiKeysPage,
};
/** Pages that use the whole width of the window. */
const wide = new Set(['/desk']);
const flowName = /^\/flows\/([a-z0-9][a-z0-9-]{0,63})$/.exec(path)?.[1];
const campaignName = /^\/campaigns\/([a-z0-9][a-z0-9-]{0,63})$/.exec(path)?.[1];
const Page = pages[path] ?? HomePage;

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <header className="topbar">
      <a className="brand" href="/">Baton</a>
      <MainNav />
      <UserMenu />
    </header>
    {flowName ? (
      <main className="page-wide">
        <DesignerPage name={flowName} />
      </main>
    ) : wide.has(path) ? (
      <main className="page-wide">
        <Page />
      </main>
    ) : (
      <main className="page">{campaignName ? <CampaignPage name={campaignName} /> : <Page />}</main>
    )}
  </StrictMode>,
);

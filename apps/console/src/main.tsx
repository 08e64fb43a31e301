import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { CampaignPage, CampaignsPage } from './pages/CampaignsPage';
import { ChatPage } from './pages/ChatPage';
import { DesignerPage } from './pages/DesignerPage';
import { FlowsPage } from './pages/FlowsPage';
import { HomePage } from './pages/HomePage';
import './styles.css';

const path = window.location.pathname.replace(/\/+$/, '') || '/';
const pages: Record<string, () => React.JSX.Element> = { '/': HomePage, '/chat': ChatPage, '/flows': FlowsPage, '/campaigns': CampaignsPage };
const flowName = /^\/flows\/([a-z0-9][a-z0-9-]{0,63})$/.exec(path)?.[1];
const campaignName = /^\/campaigns\/([a-z0-9][a-z0-9-]{0,63})$/.exec(path)?.[1];
const Page = pages[path] ?? HomePage;

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <header className="topbar">
      <a className="brand" href="/">Baton</a>
      <nav>
        <a href="/">Status</a>
        <a href="/flows">Flows</a>
        <a href="/campaigns">Campaigns</a>
        <a href="/chat">Customer chat demo</a>
      </nav>
    </header>
    {flowName ? (
      <main className="page-wide">
        <DesignerPage name={flowName} />
      </main>
    ) : (
      <main className="page">{campaignName ? <CampaignPage name={campaignName} /> : <Page />}</main>
    )}
  </StrictMode>,
);

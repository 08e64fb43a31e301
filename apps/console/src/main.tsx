import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { ChatPage } from './pages/ChatPage';
import { HomePage } from './pages/HomePage';
import './styles.css';

const pages: Record<string, () => React.JSX.Element> = { '/': HomePage, '/chat': ChatPage };
const Page = pages[window.location.pathname.replace(/\/+$/, '') || '/'] ?? HomePage;

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <header className="topbar">
      <a className="brand" href="/">Baton</a>
      <nav>
        <a href="/">Status</a>
        <a href="/chat">Customer chat demo</a>
      </nav>
    </header>
    <main className="page">
      <Page />
    </main>
  </StrictMode>,
);

import type { ReactNode } from 'react';
import { useSignOut } from '../session/session.js';
import { AppSwitcher } from './app-switcher.js';
import { Link, navigate, useLocation } from './router.js';

type Me = { organization: { name: string }; operator: { email: string } | null };

const SECTIONS = [
  { path: 'customers', label: 'Customers' },
  { path: 'catalog', label: 'Catalog' },
  { path: 'paywalls', label: 'Paywalls' },
  { path: 'campaigns', label: 'Campaigns' },
  { path: 'integrations', label: 'Integrations' },
] as const;

export function Shell({ me, children }: { me: Me; children: ReactNode }) {
  const { pathname } = useLocation();
  const signOut = useSignOut();
  // `/apps/<id>/<section>…`; not `/apps/new`, which is no app yet.
  const [, appId, section] = /^\/apps\/([0-9a-f-]{36})(?:\/([^/]+))?/.exec(pathname) ?? [];

  return (
    <div className="shell">
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="topbar">
        <span className="brand">Tollgate</span>
        <AppSwitcher current={appId} />
        <span className="muted who">
          {me.organization.name}
          {me.operator ? ` · ${me.operator.email}` : ''}
        </span>
        <button type="button" onClick={() => signOut.mutate(undefined, { onSuccess: () => navigate('/') })}>
          Sign out
        </button>
      </header>
      <div className="body">
        {appId ? (
          <nav className="sidenav" aria-label="Sections">
            <ul>
              {SECTIONS.map(({ path, label }) => (
                <li key={path}>
                  <Link to={`/apps/${appId}/${path}`} aria-current={section === path ? 'page' : undefined}>
                    {label}
                  </Link>
                </li>
              ))}
            </ul>
          </nav>
        ) : null}
        <main id="main" className="content">
          {children}
        </main>
      </div>
    </div>
  );
}

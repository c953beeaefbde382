import type { ReactNode } from 'react';
import { CampaignEditorPage } from '../campaigns/campaign-editor-page.js';
import { CampaignsPage } from '../campaigns/campaigns-page.js';
import { ResultsPage } from '../campaigns/results-page.js';
import { CatalogPage } from '../catalog/catalog-page.js';
import { CustomerDetailPage } from '../customers/customer-detail-page.js';
import { CustomerEventsPage } from '../customers/customer-events-page.js';
import { CustomerRevenuePage } from '../customers/customer-revenue-page.js';
import { CustomersPage } from '../customers/customers-page.js';
import type { Kind } from '../integrations/integration-form.js';
import { IntegrationPage } from '../integrations/integration-page.js';
import { IntegrationsPage } from '../integrations/integrations-page.js';
import { NewIntegrationPage } from '../integrations/new-integration-page.js';
import { PaywallEditorPage } from '../paywalls/paywall-editor-page.js';
import { PaywallsPage } from '../paywalls/paywalls-page.js';
import { Empty } from '../ui/states.js';
import { HomePage } from './home-page.js';
import { NewAppPage } from './new-app-page.js';
import { Link, useLocation } from './router.js';

const ID = '([0-9a-f-]{36})';

/** Each screen with the path it answers, most specific first. */
const ROUTES: [RegExp, (params: string[]) => ReactNode][] = [
  [/^\/apps\/new$/, () => <NewAppPage />],
  [
    new RegExp(`^/apps/${ID}/customers/${ID}/revenue$`),
    ([appId = '', userId = '']) => <CustomerRevenuePage key={userId} appId={appId} userId={userId} />,
  ],
  [
    new RegExp(`^/apps/${ID}/customers/${ID}/events$`),
    ([appId = '', userId = '']) => <CustomerEventsPage key={userId} appId={appId} userId={userId} />,
  ],
  [
    new RegExp(`^/apps/${ID}/customers/${ID}$`),
    ([appId = '', userId = '']) => <CustomerDetailPage key={userId} appId={appId} userId={userId} />,
  ],
  [new RegExp(`^/apps/${ID}/customers$`), ([appId = '']) => <CustomersPage key={appId} appId={appId} />],
  [new RegExp(`^/apps/${ID}/catalog$`), ([appId = '']) => <CatalogPage key={appId} appId={appId} />],
  // No key per paywall: the page keeps a paywall made at /new in its editor as the address turns to its id.
  [new RegExp(`^/apps/${ID}/paywalls/new$`), ([appId = '']) => <PaywallEditorPage key={appId} appId={appId} />],
  [
    new RegExp(`^/apps/${ID}/paywalls/${ID}$`),
    ([appId = '', paywallId = '']) => <PaywallEditorPage key={appId} appId={appId} paywallId={paywallId} />,
  ],
  [new RegExp(`^/apps/${ID}/paywalls$`), ([appId = '']) => <PaywallsPage key={appId} appId={appId} />],
  [new RegExp(`^/apps/${ID}/campaigns/new$`), ([appId = '']) => <CampaignEditorPage key={appId} appId={appId} />],
  [
    new RegExp(`^/apps/${ID}/campaigns/${ID}/results$`),
    ([appId = '', campaignId = '']) => <ResultsPage key={campaignId} appId={appId} campaignId={campaignId} />,
  ],
  [
    new RegExp(`^/apps/${ID}/campaigns/${ID}$`),
    ([appId = '', campaignId = '']) => <CampaignEditorPage key={campaignId} appId={appId} campaignId={campaignId} />,
  ],
  [new RegExp(`^/apps/${ID}/campaigns$`), ([appId = '']) => <CampaignsPage key={appId} appId={appId} />],
  [
    new RegExp(`^/apps/${ID}/integrations/new/(amplitude|mparticle|webhook)$`),
    ([appId = '', kind = 'webhook']) => <NewIntegrationPage key={kind} appId={appId} kind={kind as Kind} />,
  ],
  [
    new RegExp(`^/apps/${ID}/integrations/${ID}$`),
    ([appId = '', integrationId = '']) => (
      <IntegrationPage key={integrationId} appId={appId} integrationId={integrationId} />
    ),
  ],
  [new RegExp(`^/apps/${ID}/integrations$`), ([appId = '']) => <IntegrationsPage key={appId} appId={appId} />],
  [/^\/$/, () => <HomePage />],
];

export function Routes() {
  const { pathname } = useLocation();
  for (const [pattern, render] of ROUTES) {
    const match = pattern.exec(pathname);
    if (match) {
      return render(match.slice(1));
    }
  }
  return (
    <Empty title="There is no such page">
      <Link to="/">Go to the Control Center’s start</Link>
    </Empty>
  );
}

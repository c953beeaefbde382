import type { ReactNode } from 'react';
import { CustomerDetailPage } from '../customers/customer-detail-page.js';
import { CustomerEventsPage } from '../customers/customer-events-page.js';
import { CustomerRevenuePage } from '../customers/customer-revenue-page.js';
import { CustomersPage } from '../customers/customers-page.js';
import { Empty } from '../ui/states.js';
import { ComingNext } from './coming-next.js';
import { HomePage } from './home-page.js';
import { Link, useLocation } from './router.js';

const ID = '([0-9a-f-]{36})';

/** Each screen with the path it answers, most specific first. */
const ROUTES: [RegExp, (params: string[]) => ReactNode][] = [
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
  [
    new RegExp(`^/apps/${ID}/catalog$`),
    () => (
      <ComingNext
        title="Catalog"
        what="apps, app platforms (with the store notification URLs and SDK keys), entitlements and product SKUs"
      />
    ),
  ],
  [
    new RegExp(`^/apps/${ID}/integrations$`),
    () => (
      <ComingNext
        title="Integrations"
        what="Amplitude, mParticle and webhooks: setup forms, the delivery log, replay and test events"
      />
    ),
  ],
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

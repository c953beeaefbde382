import type { Schemas } from '../api/client.js';
import { Link } from '../app/router.js';
import { formatTime } from '../ui/format.js';
import { EyeIcon } from '../ui/icons.js';

interface CustomerTableProps {
  appId: string;
  customers: Schemas['CustomerSummary'][];
  busy: boolean;
}

export function CustomerTable({ appId, customers, busy }: CustomerTableProps) {
  return (
    <table className="table" aria-label="Customers, most recently updated first" aria-busy={busy}>
      <thead>
        <tr>
          <th scope="col">Pseudonym</th>
          <th scope="col">External ID</th>
          <th scope="col">Last Seen</th>
          <th scope="col" className="number">
            App Sessions
          </th>
          <th scope="col">
            <span className="visually-hidden">View</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {customers.map((customer) => (
          <tr key={customer.user_id}>
            <td>{customer.pseudonym}</td>
            <td>{customer.external_id ?? <span className="muted">—</span>}</td>
            <td>{formatTime(customer.last_seen_at)}</td>
            <td className="number">{customer.app_sessions}</td>
            <td className="row-action">
              <Link
                to={`/apps/${appId}/customers/${customer.user_id}`}
                className="icon-button"
                aria-label={`View customer ${customer.pseudonym}`}
                title="View customer"
              >
                <EyeIcon />
              </Link>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

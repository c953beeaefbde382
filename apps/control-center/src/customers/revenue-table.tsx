import type { Schemas } from '../api/client.js';
import { formatMoney, formatTime, storeName } from '../ui/format.js';

export function RevenueTable({ rows, label }: { rows: Schemas['CustomerRevenue'][]; label: string }) {
  return (
    <table className="table" aria-label={label}>
      <thead>
        <tr>
          <th scope="col">When</th>
          <th scope="col" className="number">
            Amount
          </th>
          <th scope="col">Currency</th>
          <th scope="col">Platform</th>
          <th scope="col">Purchase environment</th>
          <th scope="col">Revenue type</th>
          <th scope="col">SKU</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={row.id}>
            <td>{formatTime(row.occurred_at)}</td>
            <td className="number">{formatMoney(row.amount_micros, row.currency)}</td>
            <td>{row.currency}</td>
            <td>{storeName(row.platform)}</td>
            <td>
              <code>{row.environment}</code>
            </td>
            <td>{row.revenue_type}</td>
            <td>
              <code>{row.sku_ref_id}</code>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

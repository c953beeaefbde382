import type { Integration } from './queries.js';

const LABELS: Record<Integration['status'], string> = { active: 'Active', paused: 'Paused', disabled: 'Disabled' };

export function StatusBadge({ status }: { status: Integration['status'] }) {
  return <span className={`pill pill-${status}`}>{LABELS[status]}</span>;
}

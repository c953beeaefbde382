import { Link } from '../app/router.js';

export function Back({ to, label }: { to: string; label: string }) {
  return (
    <p className="back">
      <Link to={to}>← {label}</Link>
    </p>
  );
}

/** What PostgreSQL (and PGlite, the same server) reports when a statement breaks a constraint. */
interface ConstraintError {
  code: string;
  constraint?: string;
}

function isConstraintError(error: unknown): error is ConstraintError {
  return typeof error === 'object' && error !== null && typeof (error as { code?: unknown }).code === 'string';
}

/** The name of the unique constraint the error broke, or null for any other error. */
export function violatedUniqueConstraint(error: unknown): string | null {
  return isConstraintError(error) && error.code === '23505' ? (error.constraint ?? null) : null;
}

/** The name of the foreign key the error broke, or null for any other error. */
export function violatedForeignKey(error: unknown): string | null {
  return isConstraintError(error) && error.code === '23503' ? (error.constraint ?? null) : null;
}

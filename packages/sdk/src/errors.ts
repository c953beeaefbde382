import type { ProblemDocument } from './types.js';

/**
 * A call that failed: the API's problem document when it answered one; otherwise one made
 * here with `status` 0 and `code` `network_error` (no answer, after the retries) or
 * `unexpected_response` (an answer that is not the API's).
 */
export class TollgateError extends Error {
  readonly status: number;
  readonly code: string;
  readonly detail: string;
  readonly errors: ProblemDocument['errors'];
  readonly problem: ProblemDocument;

  constructor(problem: ProblemDocument, options?: { cause?: unknown }) {
    super(`${problem.code}: ${problem.detail}`, options);
    this.name = 'TollgateError';
    this.problem = problem;
    this.status = problem.status;
    this.code = problem.code;
    this.detail = problem.detail;
    this.errors = problem.errors;
  }
}

/** A problem document for a failure the API did not describe itself. */
export function localProblem(status: number, code: string, detail: string): ProblemDocument {
  return { type: `urn:tollgate:problem:${code}`, title: code, status, code, detail, errors: [] };
}

export function isProblemDocument(value: unknown): value is ProblemDocument {
  if (typeof value !== 'object' || value === null) {
    return false;
  }
  const document = value as Record<string, unknown>;
  return typeof document.status === 'number' && typeof document.code === 'string' && Array.isArray(document.errors);
}

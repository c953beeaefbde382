import { STATUS_CODES } from 'node:http';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors, type ZodFastifySchemaValidationError } from 'fastify-type-provider-zod';
import { z } from 'zod';

/** Where a bad value was found and what is wrong with it. */
export interface FieldError {
  location: 'body' | 'querystring' | 'params' | 'headers';
  /** Dotted path of the field (`entitlement_ids.1`); empty for the whole location. */
  field: string;
  message: string;
}

/**
 * An expected failure that the client should see: becomes an RFC 9457 problem
 * document with our stable `code`. Anything else that is thrown is a 500.
 */
export class Problem extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly detail: string,
    readonly errors: FieldError[] = [],
    readonly headers: Record<string, string> = {},
  ) {
    super(detail);
    this.name = 'Problem';
  }
}

const problemSchema = z
  .object({
    type: z.string().describe('A URI naming the kind of problem: urn:tollgate:problem:<code>'),
    title: z.string().describe('The HTTP status text'),
    status: z.number().int(),
    code: z.string().describe('Stable, machine-readable: safe to branch on'),
    detail: z.string().describe('What went wrong, for a human'),
    instance: z.string().describe('The path of the request'),
    request_id: z.string().describe('Quote it when reporting a problem: it is in the server log too'),
    errors: z
      .array(
        z.object({
          location: z.enum(['body', 'querystring', 'params', 'headers']),
          field: z.string(),
          message: z.string(),
        }),
      )
      .describe('One entry per bad field; empty when the problem is not about a field'),
  })
  .meta({ id: 'Problem' });

type ProblemDocument = z.infer<typeof problemSchema>;

const PROBLEM_MEDIA_TYPE = 'application/problem+json';

/** The OpenAPI response entries for the problem statuses a route can answer with. */
export function problemResponses(...statuses: number[]) {
  return Object.fromEntries(
    statuses.map((status) => [
      status,
      {
        description: STATUS_CODES[status] ?? String(status),
        content: { [PROBLEM_MEDIA_TYPE]: { schema: problemSchema } },
      },
    ]),
  );
}

export function sendProblem(request: FastifyRequest, reply: FastifyReply, problem: Problem): FastifyReply {
  const body: ProblemDocument = {
    type: `urn:tollgate:problem:${problem.code}`,
    title: STATUS_CODES[problem.status] ?? 'Error',
    status: problem.status,
    code: problem.code,
    detail: problem.detail,
    instance: request.url.split('?')[0] ?? request.url,
    request_id: String(request.id),
    errors: problem.errors,
  };
  // Serialised here, not by a route's response schema: this runs for requests that
  // matched no route, or failed before their route's schemas applied.
  return reply
    .code(problem.status)
    .headers(problem.headers)
    .type(PROBLEM_MEDIA_TYPE)
    .serializer(JSON.stringify)
    .send(body);
}

/** Every error, whoever raised it, leaves as a problem document. */
export function handleError(error: FastifyError, request: FastifyRequest, reply: FastifyReply): FastifyReply {
  const problem = toProblem(error);
  if (problem.status >= 500) {
    request.log.error({ err: error }, 'request failed');
  }
  return sendProblem(request, reply, problem);
}

export function handleNotFound(request: FastifyRequest, reply: FastifyReply): FastifyReply {
  return sendProblem(
    request,
    reply,
    new Problem(404, 'route_not_found', `There is no ${request.method} ${request.url.split('?')[0]} endpoint`),
  );
}

function toProblem(error: FastifyError): Problem {
  if (error instanceof Problem) {
    return error;
  }
  if (hasZodFastifySchemaValidationErrors(error)) {
    const location = (error.validationContext ?? 'body') as FieldError['location'];
    const errors = error.validation.flatMap((issue) => fieldErrors(location, issue));
    const fields = errors.map((e) => e.field || location).join(', ');
    return new Problem(400, 'validation_failed', `The request is not valid: check ${fields}`, errors);
  }
  switch (error.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return new Problem(413, 'payload_too_large', 'The request body is larger than this endpoint accepts');
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return new Problem(415, 'unsupported_media_type', 'Send the request body as application/json');
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return new Problem(400, 'invalid_json', 'The body is empty, but its Content-Type says JSON');
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
      return new Problem(400, 'invalid_json', `The body is not valid JSON: ${error.message}`);
    case 'FST_ERR_BAD_URL':
      return new Problem(400, 'bad_url', 'The URL is not valid: it may hold a badly encoded character');
    default:
      break;
  }
  if (error instanceof SyntaxError) {
    return new Problem(400, 'invalid_json', `The body is not valid JSON: ${error.message}`);
  }
  const status = error.statusCode ?? 500;
  if (status >= 400 && status < 500) {
    return new Problem(status, 'bad_request', error.message);
  }
  return new Problem(500, 'internal_error', 'Something went wrong on our side; quote the request id when reporting it');
}

function fieldErrors(location: FieldError['location'], issue: ZodFastifySchemaValidationError): FieldError[] {
  const path = issue.instancePath.split('/').filter(Boolean).join('.');
  const join = (key: string) => (path ? `${path}.${key}` : key);
  if (issue.keyword === 'unrecognized_keys') {
    const keys = (issue.params as { keys?: string[] }).keys ?? [];
    return keys.map((key) => ({ location, field: join(key), message: 'Unknown field' }));
  }
  return [{ location, field: path, message: issue.message ?? 'Invalid value' }];
}

import { pino } from 'pino';

export type Logger = pino.Logger;

/** JSON lines on stdout. Secrets and client addresses never reach the log. */
export function createLogger(level: string): Logger {
  return pino({
    level,
    redact: ['req.headers.authorization', 'req.headers.cookie', 'res.headers["set-cookie"]'],
    serializers: {
      // Fastify's default request serializer logs the client's IP address: Tollgate keeps none.
      req: (request: { method: string; url: string }) => ({ method: request.method, url: request.url }),
      err: pino.stdSerializers.err,
    },
  });
}

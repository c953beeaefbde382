// The baseline for SDK session starts: a bare Fastify route that parses the same JSON body and
// inserts one row with `pg` directly: no auth, no validation, no summary rows, no event.
import Fastify from 'fastify';
import pg from 'pg';

const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 10 });
await pool.query(
  'create table if not exists bench_bare_sessions (id uuid primary key, device_id uuid not null, started_at timestamptz not null)',
);
const http = Fastify();

http.post<{ Params: { deviceId: string }; Body: { session_id: string } }>(
  '/sdk/v1/devices/:deviceId/sessions',
  async (request, reply) => {
    await pool.query('insert into bench_bare_sessions (id, device_id, started_at) values ($1, $2, now())', [
      request.body.session_id,
      request.params.deviceId,
    ]);
    return reply.code(201).send({ outcome: 'started' });
  },
);

await http.listen({ host: '127.0.0.1', port: 0 });
const address = http.server.address();
console.log(`listening ${typeof address === 'object' && address ? address.port : 0}`);

process.on('SIGTERM', () => {
  http
    .close()
    .then(() => pool.end())
    .catch((error: unknown) => {
      console.error(error);
      process.exitCode = 1;
    });
});

// The baseline for paywall resolution: Fastify answering a constant, with no database at all,
// at the same URLs as the SDK's paywall route, so that the load generator's work per request
// (a new path each time) is the same on both sides of the ratio.
import Fastify from 'fastify';

const http = Fastify();

http.get('/sdk/v1/placements/:placement/paywall', async () => ({ hello: 'world' }));

await http.listen({ host: '127.0.0.1', port: 0 });
const address = http.server.address();
console.log(`listening ${typeof address === 'object' && address ? address.port : 0}`);

process.on('SIGTERM', () => {
  http.close().catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  });
});

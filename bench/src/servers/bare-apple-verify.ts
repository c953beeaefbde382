// The baseline for Apple intake: a bare Fastify route that only verifies each notification
// (and its nested transaction and renewal info) with the same verifier, and answers 200.
import { AppleNotificationVerifier, appleRootCertificates } from '@tollgate/stores';
import Fastify from 'fastify';

const verifier = new AppleNotificationVerifier(appleRootCertificates([process.env.ROOT_FILE ?? '']));
const identity = { bundleId: process.env.BUNDLE_ID ?? '', appAppleId: null };
const http = Fastify({ bodyLimit: 256 * 1024 });

http.post<{ Body: { signedPayload: string } }>('/verify', async (request, reply) => {
  const verification = await verifier.verify(request.body.signedPayload, identity);
  return reply.code(verification.outcome === 'verified' ? 200 : 401).send({ outcome: verification.outcome });
});

await http.listen({ host: '127.0.0.1', port: 0 });
const address = http.server.address();
console.log(`listening ${typeof address === 'object' && address ? address.port : 0}`);

process.on('SIGTERM', () => {
  http.close().catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  });
});

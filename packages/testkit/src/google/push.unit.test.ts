import { OAuth2Client } from 'google-auth-library';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { type PlayFake, startPlayFake } from './play-fake.js';
import { aDeveloperNotification, PLAY_PACKAGE_NAME, pubSubPush } from './push.js';

const AUDIENCE = 'https://tollgate.example/v1/stores/google/notifications';
const PUSHER = 'rtdn-push@tollgate-test.iam.gserviceaccount.com';

let fake: PlayFake;
let verifier: OAuth2Client;

beforeAll(async () => {
  fake = await startPlayFake();
  verifier = new OAuth2Client({ endpoints: { oauth2FederatedSignonPemCertsUrl: `${fake.url}/oauth2/v1/certs` } });
});

afterAll(() => fake.close());

/** The production check: Google's verifyIdToken with the header's bearer. */
function verify(authorization: string, audience = AUDIENCE) {
  return verifier.verifyIdToken({ idToken: authorization.replace(/^Bearer /, ''), audience });
}

describe('push authorization, through the real OAuth2Client.verifyIdToken', () => {
  test('accepts a token from the fake and yields Google’s claims', async () => {
    const ticket = await verify(fake.pushAuthorization({ audience: AUDIENCE, email: PUSHER }));

    expect(ticket.getPayload()).toMatchObject({
      iss: 'https://accounts.google.com',
      aud: AUDIENCE,
      email: PUSHER,
      email_verified: true,
    });
  });

  test('rejects a token for another audience', async () => {
    const authorization = fake.pushAuthorization({ audience: 'https://elsewhere.example/push', email: PUSHER });

    await expect(verify(authorization)).rejects.toThrow(/Wrong recipient/);
  });

  test('rejects a token signed by a key Google never published', async () => {
    const authorization = fake.pushAuthorization({ audience: AUDIENCE, email: PUSHER, signedByStranger: true });

    await expect(verify(authorization)).rejects.toThrow(/Invalid token signature/);
  });

  test('rejects an expired token', async () => {
    const authorization = fake.pushAuthorization({
      audience: AUDIENCE,
      email: PUSHER,
      issuedAt: new Date(Date.now() - 2 * 3600_000),
      expiresInSeconds: 3600,
    });

    await expect(verify(authorization)).rejects.toThrow(/Token used too late/);
  });

  test('rejects a token from another issuer', async () => {
    const authorization = fake.pushAuthorization({ audience: AUDIENCE, email: PUSHER, issuer: 'https://evil.example' });

    await expect(verify(authorization)).rejects.toThrow(/Invalid issuer/);
  });
});

describe('pubSubPush', () => {
  test('wraps a developer notification as Pub/Sub pushes it', () => {
    const notification = aDeveloperNotification({
      subscriptionNotification: { notificationType: 4, purchaseToken: 'sub-token-1' },
      eventTimeMillis: 1736942400000,
    });

    const body = pubSubPush(notification, { messageId: '136969346945' });

    expect(JSON.parse(Buffer.from(body.message.data, 'base64').toString('utf8'))).toEqual({
      version: '1.0',
      packageName: PLAY_PACKAGE_NAME,
      eventTimeMillis: '1736942400000',
      subscriptionNotification: { version: '1.0', notificationType: 4, purchaseToken: 'sub-token-1' },
    });
    expect(body.message).toMatchObject({ messageId: '136969346945', message_id: '136969346945', attributes: {} });
    expect(body.message.publish_time).toBe(body.message.publishTime);
  });

  test('makes a test notification when no kind is given', () => {
    expect(aDeveloperNotification({})).toMatchObject({ testNotification: { version: '1.0' } });
  });
});

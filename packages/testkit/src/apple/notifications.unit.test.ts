import {
  Environment,
  SignedDataVerifier,
  type VerificationStatus as Status,
  VerificationException,
  VerificationStatus,
} from '@apple/app-store-server-library';
import { beforeAll, describe, expect, test } from 'vitest';
import { DAY_MS, FIXTURE_NOW_MS } from '../fixture-time.js';
import { APPLE_APP_APPLE_ID, APPLE_BUNDLE_ID, anAppleNotification } from './notifications.js';
import { type AppleTestPki, createAppleTestPki } from './test-pki.js';

let pki: AppleTestPki;
let sandbox: SignedDataVerifier;

beforeAll(async () => {
  pki = await createAppleTestPki();
  sandbox = new SignedDataVerifier([pki.rootDer], false, Environment.SANDBOX, APPLE_BUNDLE_ID);
});

/** The VerificationStatus a verification failed with, or 'accepted'. */
async function outcomeOf(verification: Promise<unknown>): Promise<Status | 'accepted'> {
  try {
    await verification;
    return 'accepted';
  } catch (error) {
    if (error instanceof VerificationException) {
      return error.status;
    }
    throw error;
  }
}

describe('the real SignedDataVerifier', () => {
  test('accepts a test-PKI notification and the transaction and renewal info inside it', async () => {
    const body = anAppleNotification(pki, {
      notificationType: 'SUBSCRIBED',
      subtype: 'INITIAL_BUY',
      transaction: { productId: 'pro.yearly', expiresDate: FIXTURE_NOW_MS + 365 * DAY_MS },
    });

    const notification = await sandbox.verifyAndDecodeNotification(body.signedPayload);
    const transaction = await sandbox.verifyAndDecodeTransaction(notification.data?.signedTransactionInfo ?? '');
    const renewal = await sandbox.verifyAndDecodeRenewalInfo(notification.data?.signedRenewalInfo ?? '');

    expect(notification).toMatchObject({
      notificationType: 'SUBSCRIBED',
      subtype: 'INITIAL_BUY',
      version: '2.0',
      signedDate: FIXTURE_NOW_MS,
      data: { bundleId: APPLE_BUNDLE_ID, environment: 'Sandbox', status: 1 },
    });
    expect(notification.data?.appAppleId).toBeUndefined();
    expect(transaction).toMatchObject({
      productId: 'pro.yearly',
      type: 'Auto-Renewable Subscription',
      price: 9990,
      currency: 'USD',
      expiresDate: FIXTURE_NOW_MS + 365 * DAY_MS,
    });
    expect(renewal).toMatchObject({
      originalTransactionId: transaction.originalTransactionId,
      autoRenewProductId: 'pro.yearly',
      renewalDate: FIXTURE_NOW_MS + 365 * DAY_MS,
      autoRenewStatus: 1,
    });
  });

  test('accepts a Production notification, which carries the appAppleId', async () => {
    const production = new SignedDataVerifier(
      [pki.rootDer],
      false,
      Environment.PRODUCTION,
      APPLE_BUNDLE_ID,
      APPLE_APP_APPLE_ID,
    );
    const body = anAppleNotification(pki, { notificationType: 'DID_RENEW', environment: 'Production' });

    const notification = await production.verifyAndDecodeNotification(body.signedPayload);

    expect(notification.data?.appAppleId).toBe(APPLE_APP_APPLE_ID);
  });

  test('rejects a notification signed by another PKI with the same names as VERIFICATION_FAILURE', async () => {
    const stranger = await createAppleTestPki();
    const body = anAppleNotification(stranger, { notificationType: 'SUBSCRIBED' });

    expect(await outcomeOf(sandbox.verifyAndDecodeNotification(body.signedPayload))).toBe(
      VerificationStatus.VERIFICATION_FAILURE,
    );
  });

  test('rejects a payload changed after signing as VERIFICATION_FAILURE', async () => {
    const [header, payload, signature] = anAppleNotification(pki, {
      notificationType: 'SUBSCRIBED',
    }).signedPayload.split('.');
    const decoded = JSON.parse(Buffer.from(payload ?? '', 'base64url').toString('utf8'));
    decoded.data.bundleVersion = '2';
    const tampered = `${header}.${Buffer.from(JSON.stringify(decoded)).toString('base64url')}.${signature}`;

    expect(await outcomeOf(sandbox.verifyAndDecodeNotification(tampered))).toBe(
      VerificationStatus.VERIFICATION_FAILURE,
    );
  });

  test('rejects a Sandbox notification at a Production verifier as INVALID_ENVIRONMENT', async () => {
    const production = new SignedDataVerifier(
      [pki.rootDer],
      false,
      Environment.PRODUCTION,
      APPLE_BUNDLE_ID,
      APPLE_APP_APPLE_ID,
    );
    const body = anAppleNotification(pki, { notificationType: 'SUBSCRIBED', appAppleId: APPLE_APP_APPLE_ID });

    expect(await outcomeOf(production.verifyAndDecodeNotification(body.signedPayload))).toBe(
      VerificationStatus.INVALID_ENVIRONMENT,
    );
  });

  test('rejects a chain that had expired at signedDate as INVALID_CERTIFICATE', async () => {
    const lapsed = await createAppleTestPki({
      notBefore: new Date(Date.UTC(2020, 0, 1)),
      notAfter: new Date(Date.UTC(2021, 0, 1)),
    });
    const verifier = new SignedDataVerifier([lapsed.rootDer], false, Environment.SANDBOX, APPLE_BUNDLE_ID);
    const body = anAppleNotification(lapsed, { notificationType: 'SUBSCRIBED', signedDate: FIXTURE_NOW_MS });

    expect(await outcomeOf(verifier.verifyAndDecodeNotification(body.signedPayload))).toBe(
      VerificationStatus.INVALID_CERTIFICATE,
    );
  });

  test('accepts the same expired chain for a notification signed while it was valid', async () => {
    const lapsed = await createAppleTestPki({ notAfter: new Date(Date.UTC(2021, 0, 1)) });
    const verifier = new SignedDataVerifier([lapsed.rootDer], false, Environment.SANDBOX, APPLE_BUNDLE_ID);
    const signedDate = Date.UTC(2020, 6, 1);
    const body = anAppleNotification(lapsed, { notificationType: 'SUBSCRIBED', signedDate });

    expect(await outcomeOf(verifier.verifyAndDecodeNotification(body.signedPayload))).toBe('accepted');
  });

  test('passes a forged inner transaction through the notification check, but not through its own', async () => {
    const forger = await createAppleTestPki();
    const body = anAppleNotification(pki, { notificationType: 'SUBSCRIBED', innerPki: forger });

    const notification = await sandbox.verifyAndDecodeNotification(body.signedPayload);

    expect(await outcomeOf(sandbox.verifyAndDecodeTransaction(notification.data?.signedTransactionInfo ?? ''))).toBe(
      VerificationStatus.VERIFICATION_FAILURE,
    );
  });

  test('leaves out the nested payloads set to null', async () => {
    const body = anAppleNotification(pki, { notificationType: 'TEST', transaction: null, renewalInfo: null });

    const notification = await sandbox.verifyAndDecodeNotification(body.signedPayload);

    expect(notification.data).not.toHaveProperty('signedTransactionInfo');
    expect(notification.data).not.toHaveProperty('signedRenewalInfo');
  });
});

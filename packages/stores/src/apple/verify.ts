import {
  Environment,
  type JWSRenewalInfoDecodedPayload,
  type JWSTransactionDecodedPayload,
  type ResponseBodyV2DecodedPayload,
  SignedDataVerifier,
  VerificationException,
  VerificationStatus,
} from '@apple/app-store-server-library';

export interface AppleAppIdentity {
  /** The bundle id every signed payload must name. */
  bundleId: string;
  /** The app's Apple ID: Production notifications must name it, so it is needed to accept them. */
  appAppleId: number | null;
}

export interface VerifiedAppleNotification {
  notification: ResponseBodyV2DecodedPayload;
  /** Verified on its own: the notification's signature does not cover the nested JWS. */
  transaction: JWSTransactionDecodedPayload | null;
  renewalInfo: JWSRenewalInfoDecodedPayload | null;
}

export type AppleTransactionVerification =
  | {
      outcome: 'verified';
      transaction: JWSTransactionDecodedPayload;
      renewalInfo: JWSRenewalInfoDecodedPayload | null;
    }
  | { outcome: 'rejected'; reason: string; retryable: boolean };

export type AppleVerification =
  | { outcome: 'verified'; verified: VerifiedAppleNotification }
  /** `retryable`: Apple's certificate checks could not be made now (network); Apple should retry. */
  | { outcome: 'rejected'; reason: string; retryable: boolean };

/**
 * Verifies App Store Server Notifications V2 with Apple's own library, against the roots
 * the operator trusts (Apple Root CA - G3 unless told otherwise), and the nested signed
 * transaction and renewal info too. Certificate dates are checked at the notification's
 * signedDate, so that an old notification stays verifiable after Apple rotates certificates.
 */
export class AppleNotificationVerifier {
  readonly #roots: Buffer[];
  readonly #verifiers = new Map<string, SignedDataVerifier>();

  constructor(rootCertificates: Buffer[]) {
    this.#roots = rootCertificates;
  }

  async verify(signedPayload: string, app: AppleAppIdentity): Promise<AppleVerification> {
    const environment = claimedEnvironment(signedPayload);
    if (environment !== Environment.PRODUCTION && environment !== Environment.SANDBOX) {
      // Xcode and local-testing payloads are not signed by Apple: the library would skip the check.
      return { outcome: 'rejected', reason: `unsupported environment ${environment}`, retryable: false };
    }
    if (environment === Environment.PRODUCTION && app.appAppleId === null) {
      return {
        outcome: 'rejected',
        reason: "a Production notification needs the app's Apple ID: set apple.app_apple_id on the app platform",
        retryable: false,
      };
    }
    const verifier = this.#verifier(environment, app);
    try {
      const notification = await verifier.verifyAndDecodeNotification(signedPayload);
      const data = notification.data;
      const transaction = data?.signedTransactionInfo
        ? await verifier.verifyAndDecodeTransaction(data.signedTransactionInfo)
        : null;
      const renewalInfo = data?.signedRenewalInfo
        ? await verifier.verifyAndDecodeRenewalInfo(data.signedRenewalInfo)
        : null;
      return { outcome: 'verified', verified: { notification, transaction, renewalInfo } };
    } catch (error) {
      if (error instanceof VerificationException) {
        return {
          outcome: 'rejected',
          reason: verificationReason(error.status),
          retryable: error.status === VerificationStatus.RETRYABLE_VERIFICATION_FAILURE,
        };
      }
      throw error;
    }
  }

  /** A StoreKit 2 signed transaction (and renewal info) as a device reports it. */
  async verifyTransaction(
    signedTransaction: string,
    signedRenewalInfo: string | null,
    app: AppleAppIdentity,
  ): Promise<AppleTransactionVerification> {
    const environment = claimedEnvironment(signedTransaction);
    if (environment !== Environment.PRODUCTION && environment !== Environment.SANDBOX) {
      return { outcome: 'rejected', reason: `unsupported environment ${environment}`, retryable: false };
    }
    const verifier = this.#verifier(environment, { ...app, appAppleId: app.appAppleId ?? null }, false);
    try {
      const transaction = await verifier.verifyAndDecodeTransaction(signedTransaction);
      const renewalInfo = signedRenewalInfo ? await verifier.verifyAndDecodeRenewalInfo(signedRenewalInfo) : null;
      return { outcome: 'verified', transaction, renewalInfo };
    } catch (error) {
      if (error instanceof VerificationException) {
        return {
          outcome: 'rejected',
          reason: verificationReason(error.status),
          retryable: error.status === VerificationStatus.RETRYABLE_VERIFICATION_FAILURE,
        };
      }
      throw error;
    }
  }

  #verifier(environment: Environment, app: AppleAppIdentity, needsAppleId = true): SignedDataVerifier {
    // Transactions carry no Apple ID to check, but the library still wants one in Production.
    const appAppleId = app.appAppleId ?? (needsAppleId ? undefined : 0);
    const key = `${environment}/${app.bundleId}/${appAppleId ?? ''}`;
    let verifier = this.#verifiers.get(key);
    if (!verifier) {
      verifier = new SignedDataVerifier(this.#roots, false, environment, app.bundleId, appAppleId);
      this.#verifiers.set(key, verifier);
    }
    return verifier;
  }
}

function verificationReason(status: VerificationStatus): string {
  switch (status) {
    case VerificationStatus.OK:
      return 'verified';
    case VerificationStatus.VERIFICATION_FAILURE:
      return 'the signature or certificate chain is not valid';
    case VerificationStatus.RETRYABLE_VERIFICATION_FAILURE:
      return 'the certificates could not be checked now';
    case VerificationStatus.INVALID_APP_IDENTIFIER:
      return "the bundle id or Apple ID is not this app platform's";
    case VerificationStatus.INVALID_ENVIRONMENT:
      return 'the environment does not match';
    case VerificationStatus.INVALID_CHAIN_LENGTH:
      return 'the certificate chain does not have three certificates';
    case VerificationStatus.INVALID_CERTIFICATE:
      return 'a certificate is not valid at the signing date';
    case VerificationStatus.FAILURE:
      return 'the payload is not shaped as Apple sends it';
  }
}

/**
 * The environment the payload says it is from, read before verifying so that the right
 * verifier checks it; the verifier then checks that every signed part agrees. A payload
 * that names none (or is not a JWS) goes to the Sandbox verifier, which says what is wrong.
 */
function claimedEnvironment(signedPayload: string): string {
  const body = signedPayload.split('.')[1];
  try {
    const payload = JSON.parse(Buffer.from(body ?? '', 'base64url').toString('utf8')) as {
      data?: { environment?: string };
      environment?: string;
      summary?: { environment?: string };
      appData?: { environment?: string };
      externalPurchaseToken?: { externalPurchaseId?: string };
    };
    const externalPurchaseId = payload.externalPurchaseToken?.externalPurchaseId;
    return (
      payload.data?.environment ??
      // A signed transaction or renewal info says it at the top.
      payload.environment ??
      payload.summary?.environment ??
      payload.appData?.environment ??
      // External Purchase API tokens say Sandbox by their id's prefix, as Apple's library reads them.
      (externalPurchaseId === undefined
        ? Environment.SANDBOX
        : externalPurchaseId.startsWith('SANDBOX')
          ? Environment.SANDBOX
          : Environment.PRODUCTION)
    );
  } catch {
    // Not a JWS at all.
    return Environment.SANDBOX;
  }
}

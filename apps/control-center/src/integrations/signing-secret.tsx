import { useState } from 'react';
import { CopyValue } from '../ui/copy-button.js';
import { formatTime } from '../ui/format.js';
import { ErrorState } from '../ui/states.js';
import { useRotateSigningSecret } from './queries.js';

interface Props {
  appId: string;
  integrationId: string;
  /** What the API shows of the current secret: its last characters. */
  hint: string;
}

/** A webhook's signing secret: its hint, and a rotation that shows the new secret once. */
export function SigningSecret({ appId, integrationId, hint }: Props) {
  const rotate = useRotateSigningSecret(appId, integrationId);
  const [confirming, setConfirming] = useState(false);
  const rotated = rotate.data;
  return (
    <section aria-labelledby="signing-secret-title" className="card">
      <div className="section-head">
        <h2 id="signing-secret-title">Signing secret</h2>
        {confirming ? null : (
          <button type="button" onClick={() => setConfirming(true)} disabled={rotate.isPending}>
            Rotate signing secret
          </button>
        )}
      </div>
      {rotated ? (
        <div className="secret" aria-live="polite">
          <p>
            <strong>Copy the new secret now: you will not see it again.</strong> Until{' '}
            {formatTime(rotated.previous_signing_secret_valid_until)} every request is signed with the old secret too,
            so your receiver keeps verifying while you switch it over.
          </p>
          <CopyValue value={rotated.signing_secret} label="new signing secret" />
        </div>
      ) : (
        <p className="muted">
          Current secret <code>{hint}</code>: the receiver verifies the <code>webhook-signature</code> header with it.
        </p>
      )}
      {confirming ? (
        <fieldset className="confirm">
          <legend>Rotate the signing secret?</legend>
          <p>A new secret is made now; the old one keeps signing for 24 hours, then stops.</p>
          <button
            type="button"
            className="primary"
            onClick={() => rotate.mutate(undefined, { onSettled: () => setConfirming(false) })}
            disabled={rotate.isPending}
          >
            {rotate.isPending ? 'Rotating…' : 'Rotate now'}
          </button>{' '}
          <button type="button" onClick={() => setConfirming(false)} disabled={rotate.isPending}>
            Cancel
          </button>
        </fieldset>
      ) : null}
      {rotate.isError ? <ErrorState error={rotate.error} /> : null}
    </section>
  );
}

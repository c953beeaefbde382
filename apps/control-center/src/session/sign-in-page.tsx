import { type FormEvent, useState } from 'react';
import { isApiError } from '../api/client.js';
import { Field } from '../ui/field.js';
import { useSignIn } from './session.js';

export function SignInPage() {
  const signIn = useSignIn();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const error = signIn.error;
  const apiError = isApiError(error) ? error : null;
  const formError = error && !apiError?.problem?.errors.length ? (apiError?.message ?? 'Could not sign in') : null;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    // The page asked for (a shared link, say) shows once signed in.
    signIn.mutate({ email, password });
  };

  return (
    <main className="sign-in">
      <h1>Tollgate Control Center</h1>
      {/* The API validates: its field errors show beside the fields. */}
      <form onSubmit={submit} noValidate aria-labelledby="sign-in-title">
        <h2 id="sign-in-title">Sign in</h2>
        <Field label="E-mail" name="email" error={apiError?.fieldError('email')}>
          {(props) => (
            <input
              {...props}
              type="email"
              autoComplete="username"
              value={email}
              onChange={(e) => setEmail(e.target.value)}
            />
          )}
        </Field>
        <Field label="Password" name="password" error={apiError?.fieldError('password')}>
          {(props) => (
            <input
              {...props}
              type="password"
              autoComplete="current-password"
              value={password}
              onChange={(e) => setPassword(e.target.value)}
            />
          )}
        </Field>
        {formError ? (
          <p className="form-error" role="alert">
            {formError}
          </p>
        ) : null}
        <button type="submit" className="primary" disabled={signIn.isPending}>
          {signIn.isPending ? 'Signing in…' : 'Sign in'}
        </button>
        <p className="muted">The first start of the server printed the e-mail and password to sign in with.</p>
      </form>
    </main>
  );
}

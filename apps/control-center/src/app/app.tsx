import { useMe } from '../session/session.js';
import { SignInPage } from '../session/sign-in-page.js';
import { ErrorState, Loading } from '../ui/states.js';
import { Routes } from './routes.js';
import { Shell } from './shell.js';

export function App() {
  const me = useMe();
  if (me.isPending) {
    return <Loading what="the Control Center" />;
  }
  if (me.isError) {
    return <ErrorState error={me.error} onRetry={() => void me.refetch()} />;
  }
  if (me.data === null) {
    return <SignInPage />;
  }
  return (
    <Shell me={me.data}>
      <Routes />
    </Shell>
  );
}

import type { Config } from '../config.js';
import type { Deps } from '../deps.js';
import { bootstrapInstance } from '../use-cases/bootstrap-instance.js';

/** On the very first start, say how to get in: this is the only time the secrets are shown. */
export async function announceFirstStart(config: Config, deps: Deps): Promise<void> {
  const result = await bootstrapInstance(deps, {
    email: process.env.TOLLGATE_ADMIN_EMAIL ?? 'admin@tollgate.local',
    password: process.env.TOLLGATE_ADMIN_PASSWORD,
  });
  if (result.outcome === 'already_set_up') {
    return;
  }
  process.stdout.write(
    [
      '',
      'Tollgate is set up. Save these now: they are shown this once.',
      '',
      `  Sign in as     ${result.operatorEmail}`,
      `  Password       ${result.password}`,
      `  Admin API key  ${result.apiKey}`,
      '',
      `  Sign in:  curl -c cookies.txt -H 'content-type: application/json' \\`,
      `              -d '{"email":"${result.operatorEmail}","password":"<password>"}' ${config.publicUrl}/api/v1/session`,
      `  Or call:  curl -H 'authorization: Bearer <admin API key>' ${config.publicUrl}/api/v1/apps`,
      `  API docs: ${config.publicUrl}/docs`,
      '',
      '',
    ].join('\n'),
  );
}

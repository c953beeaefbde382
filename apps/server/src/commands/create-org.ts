import { randomBytes } from 'node:crypto';
import type { Config } from '../config.js';
import type { Logger } from '../logger.js';
import { createOrganization } from '../use-cases/create-organization.js';
import { openDatabase } from './open-database.js';
import { runtimeDeps } from './runtime-deps.js';

/** `tollgate create-org --name … --email …`: another tenant, with its operator and admin API key. */
export async function createOrg(
  config: Config,
  log: Logger,
  input: { name: string; email: string; password: string | undefined },
): Promise<number> {
  const database = await openDatabase(config, log);
  try {
    const password = input.password ?? randomBytes(15).toString('base64url');
    const result = await createOrganization(runtimeDeps(config, database), {
      name: input.name,
      operatorEmail: input.email,
      operatorPassword: password,
    });
    if (result.outcome === 'operator_email_taken') {
      process.stderr.write(`An operator with the e-mail ${input.email} already exists.\n`);
      return 1;
    }
    process.stdout.write(
      [
        `Organization ${input.name} created (${result.orgId}). Save these now: they are shown this once.`,
        `  Sign in as     ${result.operatorEmail}`,
        `  Password       ${password}`,
        `  Admin API key  ${result.apiKey}`,
        '',
      ].join('\n'),
    );
    return 0;
  } finally {
    await database.close();
  }
}

import { parseArgs } from 'node:util';
import { createOrg } from './commands/create-org.js';
import { openDatabase } from './commands/open-database.js';
import { run } from './commands/run.js';
import { ConfigError, configFromEnv } from './config.js';
import { createLogger } from './logger.js';

const USAGE = `Usage: tollgate <command>

Commands:
  all         the HTTP API and the worker in one process (what npm start runs)
  serve       the HTTP API only
  work        the worker only
  migrate     apply pending database migrations, then exit
  create-org  --name <name> --email <e-mail> [--password <password>]
              create another organization with its first operator and an admin API key

Settings come from the environment: PORT (8080), HOST (localhost), DATABASE_URL (unset: the
embedded database in TOLLGATE_DATA_DIR, ./data), TOLLGATE_PUBLIC_URL, LOG_LEVEL (info),
TOLLGATE_ADMIN_EMAIL and TOLLGATE_ADMIN_PASSWORD (the first operator, on the first start).
`;

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  const config = configFromEnv(process.env, process.cwd());
  const log = createLogger(config.logLevel);
  switch (command) {
    case 'all':
      await run(config, log, { http: true, worker: true });
      return 0;
    case 'serve':
      await run(config, log, { http: true, worker: false });
      return 0;
    case 'work':
      await run(config, log, { http: false, worker: true });
      return 0;
    case 'migrate': {
      const database = await openDatabase(config, log);
      await database.close();
      return 0;
    }
    case 'create-org': {
      const { values } = parseArgs({
        args: rest,
        options: { name: { type: 'string' }, email: { type: 'string' }, password: { type: 'string' } },
      });
      if (!values.name || !values.email) {
        process.stderr.write(`create-org needs --name and --email\n\n${USAGE}`);
        return 2;
      }
      return createOrg(config, log, { name: values.name, email: values.email, password: values.password });
    }
    case undefined:
    case 'help':
    case '--help':
      process.stdout.write(USAGE);
      return command === undefined ? 2 : 0;
    default:
      process.stderr.write(`Unknown command "${command}"\n\n${USAGE}`);
      return 2;
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(
      `${error instanceof ConfigError ? error.message : error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
    process.exitCode = 1;
  },
);

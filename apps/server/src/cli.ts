import { parseArgs } from 'node:util';
import { createOrg } from './commands/create-org.js';
import { openDatabase } from './commands/open-database.js';
import { run } from './commands/run.js';
import { seedCommand } from './commands/seed.js';
import { type Config, ConfigError, configFromEnv } from './config.js';
import { createLogger, type Logger } from './logger.js';

const USAGE = `Usage: tollgate <command>

Commands:
  all         the HTTP API and the worker in one process (what npm start runs)
  serve       the HTTP API only
  work        the worker only
  migrate     apply pending database migrations, then exit
  create-org  --name <name> --email <e-mail> [--password <password>]
              create another organization with its first operator and an admin API key
  seed        --users <n> [--seed <n>] [--url <url>]
              a demo app with n synthetic customers (devices, sessions, sign-ins, purchases),
              made through the public APIs; in this database, or in the Tollgate at --url
              (then TOLLGATE_API_KEY must hold an admin API key)

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
    case 'seed':
      return seed(config, log, rest);
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

function seed(config: Config, log: Logger, args: string[]): Promise<number> | number {
  let values: { users?: string; seed?: string; url?: string };
  try {
    ({ values } = parseArgs({
      args,
      options: { users: { type: 'string' }, seed: { type: 'string', default: '1' }, url: { type: 'string' } },
    }));
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n\n${USAGE}`);
    return 2;
  }
  const users = Number(values.users);
  const seedNumber = Number(values.seed);
  if (!Number.isInteger(users) || users < 1 || users > 10_000_000) {
    process.stderr.write(`seed needs --users, a whole number from 1 to 10000000\n\n${USAGE}`);
    return 2;
  }
  if (!Number.isInteger(seedNumber) || seedNumber < 0) {
    process.stderr.write(`--seed must be a whole number of 0 or more\n\n${USAGE}`);
    return 2;
  }
  const apiKey = process.env.TOLLGATE_API_KEY;
  if (values.url && !apiKey) {
    process.stderr.write('seed --url needs TOLLGATE_API_KEY: an admin API key of the Tollgate at that address\n');
    return 2;
  }
  const remote = values.url && apiKey ? { url: values.url.replace(/\/+$/, ''), apiKey } : null;
  return seedCommand(config, log, { users, seed: seedNumber, remote });
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

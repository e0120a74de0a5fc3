// Run as a child process by Jest's global setup: the real embedded Postgres and Temporal dev server for the whole
// test run, in a throw-away data folder. Prints one JSON line with their addresses, stops on SIGTERM.
import { loadConfig } from '../../infra/config';
import { startInfrastructure } from '../../app/stack';

async function main() {
  const config = loadConfig();
  const infra = await startInfrastructure(config, { headlessTemporal: true });
  process.stdout.write(
    `${JSON.stringify({ databaseUrl: infra.databaseUrl, migrationUrl: infra.migrationUrl, temporalAddress: infra.temporalAddress })}\n`,
  );
  const stop = () => void infra.stop().then(() => process.exit(0));
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});

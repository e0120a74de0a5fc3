// `npm start`: the whole product on one machine, on embedded defaults, until Ctrl-C.
import { loadConfig } from '../infra/config';
import { DEMO_STAFF } from '../dev/seed';
import { logger } from '../infra/logger';
import { startInfrastructure, startProduct } from './stack';

async function main() {
  const config = loadConfig();
  const infra = await startInfrastructure(config);
  let product: Awaited<ReturnType<typeof startProduct>> | undefined;
  try {
    product = await startProduct(config, infra);
  } catch (err) {
    await infra.stop();
    throw err;
  }

  const line = (label: string, url: string) => `  ${label.padEnd(16)} ${url}`;
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
      'Demo logins (agent console):',
      ...DEMO_STAFF.map((s) => `  ${s.username.padEnd(16)} ${s.password}   (${s.roles.join(', ').replace(/_/g, ' ')})`),
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
}

main().catch((err) => {
  logger.error(err);
  process.exit(1);
});

// Starts the SPID / CIE identity provider stand-in (oidc-provider.mjs) as a child process, with the demo identities
// and the relying party the product registers there; stops it with the product.
import { spawn } from 'node:child_process';
import path from 'node:path';
import type { Config } from '../../infra/config';
import { DEMO_PERSONS, demoPersonRows } from '../seed';
import { logger } from '../../infra/logger';

/** The demo identities the provider offers: the first demo persons, as the registry knows them. */
function demoIdentities() {
  const rows = demoPersonRows();
  return DEMO_PERSONS.slice(0, 8).map((p, i) => ({
    fiscalCode: rows[i]!.fiscal_code,
    givenName: p.firstName,
    familyName: p.lastName,
  }));
}

export async function startOidcProviderStandIn(config: Config): Promise<{ stop(): Promise<void> }> {
  const child = spawn(process.execPath, [path.join(__dirname, 'oidc-provider.mjs')], {
    env: {
      PATH: process.env.PATH,
      NODE_ENV: 'development',
      OIDC_STANDIN_ISSUER: config.oidcIssuerUrl,
      OIDC_STANDIN_PORT: String(config.OIDC_STANDIN_PORT),
      OIDC_CLIENT_ID: config.OIDC_CLIENT_ID,
      OIDC_CLIENT_SECRET: config.oidcClientSecret,
      OIDC_REDIRECT_URI: config.oidcRedirectUri,
      OIDC_DEMO_IDENTITIES: JSON.stringify(demoIdentities()),
    },
    // Its stdin stays open while we live: the stand-in exits when it closes, so it never outlives a killed product.
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  child.stderr.on('data', (d: Buffer) => {
    const line = d.toString().trim();
    if (!line.includes('WARNING')) logger.warn({ line }, 'oidc stand-in');
  });
  await new Promise<void>((resolve, reject) => {
    child.stdout.on('data', (d: Buffer) => d.toString().includes('ready') && resolve());
    child.once('exit', (code) => reject(new Error(`the OIDC provider stand-in exited (${code}) before it was ready`)));
  });
  return {
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

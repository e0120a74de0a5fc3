// Start-up of the citizen service on its own.
import { logger } from '../../infra/logger';
import { serve } from '../shared/serve';
import { createCitizenApp } from './app';
import { cnsTlsOptions, createCnsApp } from './cns';
import { listenTls } from '../../infra/http';
import { startPendingPinRequests } from '../../core/pin-request-processes';
import { submissionStarter } from '../../core/submission-starter';

// Requests stored before a crash but never started are started now, and the submission starter hands stored
// submissions to Temporal for as long as the service runs.
serve(
  'citizen service',
  createCitizenApp,
  (c) => c.CITIZEN_PORT,
  async (deps) => {
    await startPendingPinRequests(deps.db, deps.temporal, deps.config);
    const starter = submissionStarter(deps);
    starter.wake();
    return { beforeClosing: () => starter.stop() };
  },
  // CNS sign-in, on its own TLS port, when its certificates are configured (they are required in production).
  async (deps) => {
    const { CNS_CA_FILE, CNS_CRL_FILE, CNS_SERVER_CERT_FILE, CNS_SERVER_KEY_FILE, CNS_PORT } = deps.config;
    if (!CNS_CA_FILE || !CNS_CRL_FILE || !CNS_SERVER_CERT_FILE || !CNS_SERVER_KEY_FILE) {
      if (deps.config.NODE_ENV === 'production')
        throw new Error('CNS sign-in needs CNS_CA_FILE, CNS_CRL_FILE, CNS_SERVER_CERT_FILE and CNS_SERVER_KEY_FILE');
      return [];
    }
    const tls = cnsTlsOptions({
      caFile: CNS_CA_FILE,
      crlFile: CNS_CRL_FILE,
      serverCertFile: CNS_SERVER_CERT_FILE,
      serverKeyFile: CNS_SERVER_KEY_FILE,
    });
    return [await listenTls(createCnsApp(deps), tls, CNS_PORT, '0.0.0.0')];
  },
).catch((err) => {
  logger.error(err);
  process.exit(1);
});

// Start-up of the agent console service on its own.
import { logger } from '../../infra/logger';
import { startPendingCredentialLifecycles } from '../../core/credential-lifecycle-processes';
import { serve } from '../shared/serve';
import { createAgentConsoleApp } from './app';

// PINs issued at an office just before a crash, whose lifecycle never started, get it now.
serve(
  'agent console',
  createAgentConsoleApp,
  (c) => c.AGENT_PORT,
  async ({ db, temporal, config }) => {
    await startPendingCredentialLifecycles(db, temporal, config);
    return {};
  },
).catch((err) => {
  logger.error(err);
  process.exit(1);
});

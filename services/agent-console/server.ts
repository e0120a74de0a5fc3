// Start-up of the agent console service on its own.
import { logger } from '../../infra/logger';
import { serve } from '../shared/serve';
import { createAgentConsoleApp } from './app';

serve('agent console', createAgentConsoleApp, (c) => c.AGENT_PORT).catch((err) => {
  logger.error(err);
  process.exit(1);
});

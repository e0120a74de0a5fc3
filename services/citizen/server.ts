// Start-up of the citizen service on its own.
import { logger } from '../../infra/logger';
import { serve } from '../shared/serve';
import { createCitizenApp } from './app';
import { startPendingPinRequests } from '../../core/pin-request-processes';

// Requests stored before a crash but never started are started now.
serve(
  'citizen service',
  createCitizenApp,
  (c) => c.CITIZEN_PORT,
  ({ db, temporal, config }) => startPendingPinRequests(db, temporal, config),
).catch((err) => {
  logger.error(err);
  process.exit(1);
});

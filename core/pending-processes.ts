// Everything stored but not yet on its way in Temporal (a crash or a Temporal outage between the commit and the
// start), put on its way at start-up. Every start is idempotent, so on a healthy system this changes nothing. (The
// pending-process Schedule sweeps only what intake leaves behind, every minute: see app/clients.ts.)
import type { Client } from '@temporalio/client';
import type { Config } from '../infra/config';
import type { Db } from '../infra/db';
import { startPendingCredentialLifecycles } from './credential-lifecycle-processes';
import { resumePinDispositivoProcesses } from './pin-dispositivo-processes';
import { startPendingPinRequests } from './pin-request-processes';

export async function startPendingProcesses(db: Db, client: Client, config: Config): Promise<number> {
  const requests = await startPendingPinRequests(db, client, config);
  const lifecycles = await startPendingCredentialLifecycles(db, client, config);
  const dispositivo = await resumePinDispositivoProcesses(db, client, config);
  return requests + lifecycles + dispositivo.conversions + dispositivo.applications + dispositivo.faxes;
}

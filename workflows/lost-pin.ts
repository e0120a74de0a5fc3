// A lost PIN (brief, "Lost PIN"): the citizen proved to be who they say with the codice fiscale and a contact on
// record, so a new PIN is issued at once and delivered the same two-channel way as a first one: the first half to
// that contact, the letter to the registry address. The old PIN keeps working until the new one is first used.
import type { PinRequestStatus } from '../domain/pin-request';
import { databaseSteps, enterStage, issueAndDeliverPin } from './pin-delivery';

export interface LostPinWorkflowInput {
  requestId: string;
}

export async function lostPinWorkflow({ requestId }: LostPinWorkflowInput): Promise<{ credentialId: string }> {
  const steps = databaseSteps();
  const stage = (status: PinRequestStatus) => enterStage(steps, requestId, status);
  await stage('delivering');
  const { credentialId } = await issueAndDeliverPin(steps, requestId);
  await stage('delivered');
  return { credentialId };
}

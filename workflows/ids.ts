// Workflow ids from business keys. They carry ids only, never personal data.
export const pinRequestWorkflowId = (requestId: string) => `pin-request:${requestId}`;
export const lostPinWorkflowId = (requestId: string) => `lost-pin:${requestId}`;
/** One lifecycle per credential, for as long as it lives: the entity workflow of a PIN. */
export const credentialLifecycleWorkflowId = (credentialId: string) => `credential:${credentialId}`;

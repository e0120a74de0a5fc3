// Workflow ids from business keys. They carry ids only, never personal data.
export const pinRequestWorkflowId = (requestId: string) => `pin-request:${requestId}`;

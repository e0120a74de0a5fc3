// Workflow ids from business keys. They carry ids only, never personal data.
export const pinRequestWorkflowId = (requestId: string) => `pin-request:${requestId}`;
export const lostPinWorkflowId = (requestId: string) => `lost-pin:${requestId}`;
/** What a citizen submitted online (a PIN request, a lost PIN), taken in after the answer. */
export const submissionWorkflowId = (submissionId: string) => `submission:${submissionId}`;
/** One lifecycle per credential, for as long as it lives: the entity workflow of a PIN. */
export const credentialLifecycleWorkflowId = (credentialId: string) => `credential:${credentialId}`;
/** One conversion workflow per conversion request. */
export const conversionWorkflowId = (conversionId: string) => `conversion:${conversionId}`;
export const benefitApplicationWorkflowId = (applicationId: string) => `benefit-application:${applicationId}`;
export const officeIssuanceWorkflowId = (credentialId: string) => `office-issuance:${credentialId}`;
/** From the provider's own fax id: a webhook delivered twice starts one workflow. */
export const inboundFaxWorkflowId = (provider: string, providerFaxId: string) =>
  `inbound-fax:${provider}:${providerFaxId}`;
export const phonePinWorkflowId = (phonePinId: string) => `phone-pin:${phonePinId}`;
/** "The SMS never came": one resend per delivery, from the delivery's id. */
export const firstHalfAgainWorkflowId = (deliveryId: string) => `first-half-again:${deliveryId}`;
/** One per PIN letter, from the letter's own id: its journey through the post. */
export const letterWorkflowId = (letterId: string) => `letter:${letterId}`;

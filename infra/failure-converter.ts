// How failures travel through Temporal: their message and stack trace go inside a payload, which the payload codec
// encrypts like any other, so an error that quotes a phone number, an address or a name (a provider's refusal, a
// database's complaint) never sits in clear in a history or in Temporal Web. Loaded by path (infra/payload-codec.ts
// `payloadDataConverter`): the workflow sandbox builds its own copy.
import { DefaultFailureConverter } from '@temporalio/common';

export const failureConverter = new DefaultFailureConverter({ encodeCommonAttributes: true });

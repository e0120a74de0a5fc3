// The agent console's OpenAPI document, served at /openapi.json.
import { errorResponse, errorSchema, jsonBody } from '../shared/openapi';
import { intermediaryCredentialSchema, revocationSchema } from './routes/office';
import { loginSchema } from './routes/session';
import { answersSchema, attachmentSchema, faxDiscardSchema, outcomeSchema, reviewSchema } from './routes/tasks';
import { inPersonProcedureSchema } from '../../domain/office-input';
import { callerIdentificationSchema } from '../../domain/phone-pin';
import { pinRequestInputSchema } from '../../domain/pin-request-input';

/** An id in the path (a task's or a credential's): a UUID. */
const taskId = [{ name: 'id', in: 'path', required: true, schema: { type: 'string', format: 'uuid' } }];
const ok = (description: string) => ({ description, content: { 'application/json': { schema: { type: 'object' } } } });
const authErrors = { '401': errorResponse('Not signed in'), '403': errorResponse('Role not allowed') };

export function agentOpenApi(serverUrl: string) {
  return {
    openapi: '3.1.0',
    info: {
      title: 'INPS PIN credential service: agent console API',
      version: '1.0.0',
      description:
        'Contact-center tasks. Sign in first: the session is a cookie, or the returned token as a Bearer header. ' +
        'A session ends AGENT_SESSION_IDLE_MINUTES after its last request, and AGENT_SESSION_HOURS after sign-in ' +
        'however busy; a request with the header `Background-Refresh: 1` (a page refreshing by itself) is answered ' +
        'but does not keep the session alive.',
    },
    servers: [{ url: serverUrl }],
    components: {
      schemas: { Error: errorSchema },
      securitySchemes: {
        session: { type: 'apiKey', in: 'cookie', name: 'pin_staff_session' },
        bearer: { type: 'http', scheme: 'bearer' },
      },
    },
    security: [{ session: [] }, { bearer: [] }],
    paths: {
      '/api/agent/session': {
        post: {
          summary: 'Sign in',
          security: [],
          requestBody: jsonBody(loginSchema),
          responses: {
            '200': ok(
              'Signed in; sets the session cookie and returns the token, and expiresAt: when it ends unless used',
            ),
            '400': errorResponse('Missing fields'),
            '401': errorResponse('Wrong username or password'),
          },
        },
        get: {
          summary: 'Who is signed in, and when the session ends if unused (expiresAt)',
          responses: { '200': ok('{ staff, expiresAt, holder }'), '401': errorResponse('Not signed in') },
        },
        delete: { summary: 'Sign out', responses: { '204': { description: 'Signed out' } } },
      },
      '/api/agent/tasks': {
        get: {
          summary: 'Open tasks, escalated first then oldest, and the ones I hold',
          responses: { '200': ok('{ tasks: [...] }'), ...authErrors },
        },
      },
      '/api/agent/tasks/{id}': {
        get: {
          summary: 'A task I hold, with the declared data beside the registry’s (audited)',
          parameters: taskId,
          responses: {
            '200': ok('The task'),
            '404': errorResponse('No such task'),
            '409': errorResponse('Not claimed by me'),
            ...authErrors,
          },
        },
      },
      '/api/agent/tasks/next': {
        post: {
          summary: 'Next task: the one I still hold (`alreadyHeld: true`), or else the most urgent I may work, claimed',
          responses: {
            '200': ok('{ taskId, status: "claimed", alreadyHeld }'),
            '204': { description: 'Nothing in the queue for me' },
            ...authErrors,
          },
        },
      },
      '/api/agent/tasks/{id}/claim': {
        post: {
          summary: 'Take an open task, while I hold no other (one citizen at a time)',
          parameters: taskId,
          responses: {
            '200': ok('Claimed'),
            '409': errorResponse('Not open (not_open), or I hold another task (holding_another)'),
            ...authErrors,
          },
        },
      },
      '/api/agent/tasks/{id}/release': {
        post: {
          summary: 'Put a task I hold back in the queue',
          parameters: taskId,
          responses: { '200': ok('Open again'), '409': errorResponse('Not mine'), ...authErrors },
        },
      },
      '/api/agent/tasks/{id}/outcome': {
        post: {
          summary: 'Record the outcome of the verification call',
          parameters: taskId,
          requestBody: jsonBody(outcomeSchema),
          responses: {
            '200': ok('Recorded; the request moves on'),
            '400': errorResponse('Invalid outcome'),
            '409': errorResponse(
              'Not claimed by me; no call placed through the console (`no_call_made`); "verified" without an answered ' +
                'call (`call_not_answered`) or without the residence INPS holds (`residence_not_confirmed`); or the ' +
                'request no longer waits for this call',
            ),
            ...authErrors,
          },
        },
      },
      '/api/agent/tasks/{id}/answers': {
        post: {
          summary:
            "Check the caller's answers (birthplace, birth date, residence) against the registry: right or wrong only, never the registry's value",
          parameters: taskId,
          requestBody: jsonBody(answersSchema),
          responses: {
            '200': ok('`checks`: for each answer given, `matches` or `differs`'),
            '400': errorResponse('No answer given, or a malformed one'),
            '409': errorResponse('Not a verification task I hold'),
            '429': errorResponse('This answer was checked too often on this task'),
            ...authErrors,
          },
        },
      },
      '/api/agent/tasks/{id}/review': {
        post: {
          summary:
            'Decide a document review I hold: approve (the PIN becomes dispositivo at once) or reject with a reason',
          parameters: taskId,
          requestBody: jsonBody(reviewSchema),
          responses: {
            '200': ok('Decided; the citizen is told by email'),
            '400': errorResponse('No decision, or a rejection without a reason'),
            '409': errorResponse('Not claimed by me, not a review, or decided already'),
            ...authErrors,
          },
        },
      },
      '/api/agent/tasks/{id}/attachment': {
        post: {
          summary: 'Attach an unreadable fax I hold to the conversion request whose code is printed on it',
          parameters: taskId,
          requestBody: jsonBody(attachmentSchema),
          responses: {
            '200': ok('Attached; the documents go to review'),
            '409': errorResponse('Not claimed by me, or not a fax task'),
            '422': errorResponse('No conversion request waiting for documents has this code'),
            ...authErrors,
          },
        },
      },
      '/api/agent/tasks/{id}/discard': {
        post: {
          summary: 'Discard a fax I hold that nobody can attach, with the reason (audited; its content is destroyed)',
          parameters: taskId,
          requestBody: jsonBody(faxDiscardSchema),
          responses: {
            '200': ok('Discarded'),
            '400': errorResponse('No reason, or one not on the list'),
            '409': errorResponse('Not claimed by me, or not a fax task'),
            ...authErrors,
          },
        },
      },
      '/api/agent/tasks/{id}/documents/{documentId}': {
        get: {
          summary: 'A document of a task I hold, inline (viewing is audited)',
          parameters: [
            ...taskId,
            { name: 'documentId', in: 'path', required: true, schema: { type: 'string', format: 'uuid' } },
          ],
          responses: {
            '200': { description: 'The document as stored: PDF, JPEG or PNG' },
            '404': errorResponse('The task has no such document'),
            '409': errorResponse('Not claimed by me'),
            ...authErrors,
          },
        },
      },
      '/api/agent/caller-identification': {
        post: {
          summary: 'Identify a caller by codice fiscale and temporary phone PIN (audited; guarded like a sign-in)',
          requestBody: jsonBody(callerIdentificationSchema),
          responses: {
            '200': ok('Identified: the caller’s name and codice fiscale, and until when the phone PIN is valid'),
            '401': errorResponse('Not signed in; or no active phone PIN matches (code `not_identified`)'),
            '403': errorResponse('Role not allowed'),
            '429': errorResponse('Too many wrong phone PINs for this codice fiscale: suspended for a while'),
          },
        },
      },
      '/api/agent/pin-eligibility': {
        post: {
          summary: 'May this caller still get a new PIN? The same switch-off rule and words as the web and the office',
          requestBody: {
            required: true,
            content: {
              'application/json': {
                schema: { type: 'object', required: ['fiscalCode'], properties: { fiscalCode: { type: 'string' } } },
              },
            },
          },
          responses: {
            '200': ok('{ mayIssuePin: true }'),
            '403': errorResponse('`use_spid`: not any more, and why (role errors are 403 too, with code `forbidden`)'),
            '401': errorResponse('Not signed in'),
          },
        },
      },
      '/api/agent/phone-registrations/check': {
        post: {
          summary:
            'During a call to 803 164: validate the caller’s data as the web does and compare it with the registry',
          requestBody: jsonBody(pinRequestInputSchema),
          responses: {
            '200': ok('{ mayIssuePin, registryMatches, differences }: which checks differ, never the registry’s data'),
            '400': errorResponse('Every bad field, with the web form’s messages'),
            '403': errorResponse('`use_spid`, or a role without inbound registration'),
            '409': errorResponse('`pin_already_held`'),
          },
        },
      },
      '/api/agent/phone-registrations': {
        post: {
          summary:
            'Register a caller for a PIN ordinario (also needs `callerConfirmed: true`); answers once the PIN is issued',
          requestBody: jsonBody(pinRequestInputSchema),
          responses: {
            '201': ok(
              '{ requestId, firstHalf, deliveryChannel, differences }: `firstHalf` is given this one time only',
            ),
            '400': errorResponse('Every bad field; `callerConfirmed` if the agent did not confirm the data'),
            '403': errorResponse('`use_spid`, or a role without inbound registration'),
            '409': errorResponse('`pin_already_held`, or `request_in_progress` (a request is already under way)'),
          },
        },
      },
      '/webhooks/fax': {
        post: {
          summary: 'The fax provider’s received-fax webhook (Phaxio v2.1), signed in X-Phaxio-Signature',
          security: [],
          responses: {
            '200': ok('Stored (or stored before): its code is read, or an agent attaches it'),
            '403': errorResponse('Missing or wrong signature'),
            '415': errorResponse('The fax is not a PDF'),
          },
        },
      },
      '/webhooks/letters': {
        post: {
          summary:
            'The print-and-post provider’s tracking webhook (Lob letter events), signed in Lob-Signature over ' +
            'Lob-Signature-Timestamp and the raw body',
          security: [],
          responses: {
            '200': ok('{ outcome: "recorded" | "duplicate" } or { ignored: true } for an event that moves nothing'),
            '400': errorResponse('The body is not a Lob letter event'),
            '403': errorResponse('Missing, wrong or stale signature'),
            '409': errorResponse('No letter of ours has this reference yet: the provider delivers it again'),
          },
        },
      },
      '/api/office/pin-dispositivo-issuances': {
        post: {
          summary: 'Office operators: issue a PIN dispositivo in person from form MV35, correcting the registry',
          requestBody: jsonBody(inPersonProcedureSchema),
          responses: {
            '201': ok('Issued: the 16-character PIN, returned this once to hand over, and the registry changes made'),
            '400': errorResponse('Invalid input, an expired document, or the applicant not confirmed in person'),
            '404': errorResponse('Not in the registry'),
            '409': errorResponse('This person already holds a PIN: convert it instead'),
            '422': errorResponse('The codice fiscale does not follow from the corrected identity'),
            ...authErrors,
          },
        },
      },
      '/api/office/conversions': {
        post: {
          summary: 'Office operators: convert a person’s PIN to dispositivo in person, with the same checks',
          requestBody: jsonBody(inPersonProcedureSchema),
          responses: {
            '200': ok('Converted; waiting applications are released and the holder is emailed'),
            '400': errorResponse('Invalid input, an expired document, or the applicant not confirmed in person'),
            '404': errorResponse('Not in the registry, or no PIN to convert'),
            '409': errorResponse('The PIN is dispositivo already'),
            '422': errorResponse('The codice fiscale does not follow from the corrected identity'),
            ...authErrors,
          },
        },
      },
      '/api/office/intermediary-credentials': {
        post: {
          summary: 'Office operators: issue an institutional intermediary’s PIN in person (3-month terms)',
          requestBody: jsonBody(intermediaryCredentialSchema),
          responses: {
            '201': ok('Issued: the 16-character PIN, returned this once to hand over'),
            '400': errorResponse('Invalid codice fiscale, or the in-person identity check not confirmed'),
            '404': errorResponse('Not in the registry'),
            '409': errorResponse('This person already holds a PIN'),
            '422': errorResponse('Not registered as an intermediary'),
            ...authErrors,
          },
        },
      },
      '/api/supervision/queues': {
        get: {
          summary: 'Supervisors: the queues by kind and each agent’s day (also pushed as server-sent events, /stream)',
          responses: { '200': ok('{ queues: [...], agents: [...], scheduledCallbacks }'), ...authErrors },
        },
      },
      '/api/supervision/stream': {
        get: {
          summary:
            'Supervisors: the same figures as server-sent events (`queues`), sent when they change; the stream ends ' +
            'when the session that opened it ends or loses the supervisor role',
          responses: {
            '200': { description: 'An event stream', content: { 'text/event-stream': { schema: { type: 'string' } } } },
            ...authErrors,
          },
        },
      },
      '/api/supervision/cases': {
        get: {
          summary:
            'Supervisors: a person’s PIN requests and conversions, or the conversion a form’s code names (audited)',
          parameters: [
            { name: 'fiscalCode', in: 'query', schema: { type: 'string' }, description: 'A codice fiscale, any case' },
            {
              name: 'requestCode',
              in: 'query',
              schema: { type: 'string' },
              description: 'The code on a conversion’s form (CNV-XXXX-XXXX), with or without dashes; one key at a time',
            },
          ],
          responses: {
            '200': ok('{ cases: [{ kind, requestId, requestCode, createdAt, status, channel }] }, newest first'),
            '400': errorResponse('Neither key, both, or one that is not well formed'),
            ...authErrors,
          },
        },
      },
      '/api/supervision/requests/{id}/audit': {
        get: {
          summary:
            'Supervisors: everything done on one request, by whom and when, oldest first (the reading is audited)',
          parameters: taskId.map((p) => ({ ...p, description: 'The request’s id (PIN request, conversion or fax)' })),
          responses: { '200': ok('{ requestId, entries: [...] }'), '400': errorResponse('Not a UUID'), ...authErrors },
        },
      },
      '/api/office/credentials/{id}/revocation': {
        post: {
          summary: 'Office operators: revoke a PIN; it stops working and its lifecycle ends',
          parameters: taskId.map((p) => ({ ...p, description: 'The credential id' })),
          requestBody: jsonBody(revocationSchema),
          responses: {
            '204': { description: 'Revoked' },
            '404': errorResponse('No usable credential with this id'),
            ...authErrors,
          },
        },
      },
    },
  };
}

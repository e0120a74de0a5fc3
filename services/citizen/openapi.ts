// The citizen service's OpenAPI document, served at /openapi.json.
import { lostPinSchema, requestLookupSchema, signInSchema } from '../../domain/credential-input';
import { pinRequestInputSchema } from '../../domain/pin-request-input';
import { BENEFIT_APPLICATION_STATUSES } from '../../domain/benefit-application';
import { CITIZEN_SESSION_STAGES } from '../../domain/citizen-session';
import { CONVERSION_REJECTION_REASONS, CONVERSION_STATUSES, RETURN_ROUTES } from '../../domain/conversion';
import { CREDENTIAL_HOLDERS, CREDENTIAL_KINDS, CREDENTIAL_STATUSES } from '../../domain/credential';
import { DELIVERY_CHANNELS } from '../../domain/person';
import { LETTER_STATUSES } from '../../domain/delivery';
import { PIN_REQUEST_REJECTION_REASONS, PIN_REQUEST_STATUSES } from '../../domain/pin-request';
import { errorResponse, errorSchema, jsonBody } from '../shared/openapi';
import { applicationSchema } from './routes/pin-dispositivo';
import { phonePinRequestSchema } from '../../domain/phone-pin';

const pinRequestView = {
  type: 'object',
  properties: {
    requestId: { type: 'string', format: 'uuid' },
    status: {
      type: 'string',
      enum: PIN_REQUEST_STATUSES,
    },
    title: { type: 'string', description: 'The status in plain words for the citizen' },
    detail: { type: 'string' },
    rejectionReason: {
      type: ['string', 'null'],
      enum: [...PIN_REQUEST_REJECTION_REASONS, null],
    },
    deliveryChannel: { type: 'string', enum: DELIVERY_CHANNELS },
    submittedAt: { type: 'string', format: 'date-time' },
    updatedAt: { type: 'string', format: 'date-time' },
    letter: {
      description: 'Where the letter with the second half is: handed over (and since when), or held up before that',
      oneOf: [
        { type: 'null' },
        {
          type: 'object',
          description: 'The letter with the second half, as the print-and-post provider tracks it.',
          properties: {
            status: { type: 'string', enum: LETTER_STATUSES },
            sentAt: { type: 'string', format: 'date-time' },
            postedAt: { type: 'string', format: 'date-time' },
            statusAt: { type: 'string', format: 'date-time' },
            expectedBy: { type: 'string', format: 'date-time' },
          },
        },
        {
          type: 'object',
          description: 'No letter: the second half went by email to the address the registry holds.',
          properties: { status: { const: 'emailed' }, sentAt: { type: 'string', format: 'date-time' } },
        },
        {
          type: 'object',
          properties: { status: { const: 'held_up' }, since: { type: 'string', format: 'date-time' } },
        },
      ],
    },
    statusUrl: { type: 'string' },
    statusPage: { type: 'string' },
  },
};

/** The status link's token, which opens a request's page and its follow-up actions. */
const statusTokenParam = {
  name: 't',
  in: 'query',
  required: true,
  schema: { type: 'string' },
  description: 'The status link token',
};
const idParam = { name: 'id', in: 'path', required: true, schema: { type: 'string', format: 'uuid' } };
const json = (description: string, ref: string) => ({
  description,
  content: { 'application/json': { schema: { $ref: ref } } },
});
const conversion = {
  type: 'object',
  properties: {
    conversionId: { type: 'string', format: 'uuid' },
    requestCode: { type: 'string', example: 'CNV-7K3M-Q9XH' },
    status: { type: 'string', enum: CONVERSION_STATUSES },
    returnedBy: { type: ['string', 'null'], enum: [...RETURN_ROUTES, null] },
    rejectionReason: { type: ['string', 'null'], enum: [...CONVERSION_REJECTION_REASONS, null] },
    requestedAt: { type: 'string', format: 'date-time' },
    decidedAt: { type: ['string', 'null'], format: 'date-time' },
    formUrl: { type: 'string' },
  },
};
const application = {
  type: 'object',
  properties: {
    applicationId: { type: 'string', format: 'uuid' },
    protocolNumber: { type: 'string', example: 'INPS.2026.000000001' },
    serviceId: { type: 'string' },
    serviceName: { type: 'string' },
    status: { type: 'string', enum: BENEFIT_APPLICATION_STATUSES },
    filedAt: { type: 'string', format: 'date-time', description: 'Fixed when filed; kept when processed later' },
    processedAt: { type: ['string', 'null'], format: 'date-time' },
  },
};

const session = {
  type: 'object',
  properties: {
    token: { type: 'string', description: 'Bearer token; also set as the HttpOnly cookie pin_citizen_session' },
    expiresAt: {
      type: 'string',
      format: 'date-time',
      description:
        'When the session ends if unused; each request moves it on, up to CITIZEN_SESSION_MAX_HOURS after sign-in',
    },
    stage: {
      type: 'string',
      enum: CITIZEN_SESSION_STAGES,
      description: 'first_access / renewal: only the guided step that assigns the new PIN is open',
    },
    next: { type: 'string', description: 'The page for this stage' },
  },
};

const account = {
  type: 'object',
  properties: {
    fiscalCode: { type: 'string' },
    firstName: { type: 'string' },
    lastName: { type: 'string' },
    credential: {
      type: 'object',
      properties: {
        kind: { type: 'string', enum: CREDENTIAL_KINDS },
        holder: { type: 'string', enum: CREDENTIAL_HOLDERS },
        status: { type: 'string', enum: CREDENTIAL_STATUSES },
        termStartedAt: { type: 'string', format: 'date-time' },
        expiresAt: { type: ['string', 'null'], format: 'date-time' },
      },
    },
    services: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          id: { type: 'string' },
          name: { type: 'string' },
          description: {
            type: 'object',
            description: 'What the service is for, in Italian and English',
            properties: { it: { type: 'string' }, en: { type: 'string' } },
          },
          access: { type: 'string', enum: ['usable', 'needs_pin_dispositivo'] },
        },
      },
    },
  },
};

const newPin = {
  description: 'The new 8-character PIN, returned this once and never again',
  content: {
    'application/json': {
      schema: { type: 'object', properties: { pin: { type: 'string' }, message: { type: 'string' } } },
    },
  },
};
const bearer = [{ session: [] }];

export function citizenOpenApi(serverUrl: string) {
  return {
    openapi: '3.1.0',
    info: {
      title: 'INPS PIN credential service: citizen API',
      version: '1.0.0',
      description: 'Online request of a PIN ordinario, delivered in two halves (SMS or email, then letter).',
    },
    servers: [{ url: serverUrl }],
    paths: {
      '/api/pin-requests': {
        post: {
          summary: 'Request a PIN online',
          operationId: 'createPinRequest',
          requestBody: jsonBody(pinRequestInputSchema),
          responses: {
            '202': {
              description:
                'Accepted, with the same answer whether the person is new, has a request under way or holds a PIN. ' +
                'The link to follow the request goes by SMS or email to the contact given (for a request already ' +
                'under way, to the contact that request gave; for a PIN holder, word goes to the contact on record).',
              content: {
                'application/json': { schema: { type: 'object', properties: { message: { type: 'string' } } } },
              },
            },
            '200': { description: '`useSpid: true`: no PIN is issued and nothing is stored' },
            '400': errorResponse('Invalid input; `fields` names every bad field. Nothing was started.'),
            '403': errorResponse('After the switch to SPID, this person cannot get a PIN: `links.spid`'),
          },
        },
      },
      '/api/pin-request-status': {
        get: {
          summary: 'Where a PIN request stands, for whoever holds its status link',
          operationId: 'getPinRequestByLink',
          parameters: [{ name: 't', in: 'query', required: true, schema: { type: 'string' } }],
          responses: {
            '200': {
              description: 'The request',
              content: { 'application/json': { schema: { $ref: '#/components/schemas/PinRequest' } } },
            },
            '404': errorResponse('The link is not valid, or expired some days after the request ended'),
          },
        },
      },
      '/api/pin-requests/{id}': {
        get: {
          summary: 'Where one of my PIN requests stands (signed in); the id alone opens nothing',
          security: [{ session: [] }],
          operationId: 'getPinRequest',
          parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string', format: 'uuid' } }],
          responses: {
            '200': {
              description: 'The request',
              content: { 'application/json': { schema: { $ref: '#/components/schemas/PinRequest' } } },
            },
            '400': errorResponse('Not a request id'),
            '404': errorResponse('No request of yours has this id'),
          },
        },
      },
      '/api/session': {
        post: {
          summary: 'Sign in with codice fiscale and PIN (16 characters at the first access, 8 after)',
          operationId: 'signIn',
          requestBody: jsonBody(signInSchema),
          responses: {
            '200': {
              description: 'Signed in, at the stage the PIN calls for',
              content: { 'application/json': { schema: { $ref: '#/components/schemas/Session' } } },
            },
            '400': errorResponse('Malformed codice fiscale or PIN (length, alphabet); not counted as a wrong PIN'),
            '401': errorResponse('Codice fiscale or PIN not correct (one message for every case)'),
            '429': errorResponse('Sign-in suspended after too many wrong PINs, or too many failures from this client'),
          },
        },
        get: {
          summary:
            'The session: its stage and when it ends if unused. With the header `Background-Refresh: 1` (a page ' +
            'looking by itself) it is answered without keeping the session alive',
          operationId: 'getSession',
          security: bearer,
          responses: {
            '200': {
              description: 'The session',
              content: {
                'application/json': {
                  schema: {
                    type: 'object',
                    required: ['stage', 'expiresAt'],
                    properties: {
                      stage: { enum: CITIZEN_SESSION_STAGES },
                      expiresAt: { type: 'string', format: 'date-time' },
                    },
                  },
                },
              },
            },
            '401': errorResponse('No session, or it has ended'),
          },
        },
        delete: {
          summary: 'Sign out',
          operationId: 'signOut',
          security: bearer,
          responses: { '204': { description: 'Signed out' } },
        },
      },
      '/api/me': {
        get: {
          summary: 'The signed-in citizen, their PIN and the services it opens',
          operationId: 'getAccount',
          security: bearer,
          responses: {
            '200': {
              description: 'The account',
              content: { 'application/json': { schema: { $ref: '#/components/schemas/Account' } } },
            },
            '401': errorResponse('Not signed in'),
            '403': errorResponse('A guided step (first access, renewal) is due first; `links.next` names it'),
          },
        },
      },
      '/api/first-access': {
        post: {
          summary: 'First access: replace the 16-character initial PIN with an 8-character PIN',
          operationId: 'completeFirstAccess',
          security: bearer,
          responses: {
            '201': newPin,
            '401': errorResponse('Not signed in'),
            '409': errorResponse('The new PIN was already assigned (replayed or concurrent step)'),
          },
        },
      },
      '/api/renewal': {
        post: {
          summary: 'Renew an expired PIN: a new 8-character PIN with the same services',
          operationId: 'renewPin',
          security: bearer,
          responses: {
            '201': newPin,
            '401': errorResponse('Not signed in'),
            '409': errorResponse('Already renewed (replayed or concurrent step)'),
          },
        },
      },
      '/api/lost-pin': {
        post: {
          summary: 'Ask for a new PIN after losing it: codice fiscale and the phone or email on record',
          operationId: 'requestLostPin',
          requestBody: jsonBody(lostPinSchema),
          responses: {
            '202': { description: 'The same answer whether or not a PIN was sent, so it reveals nobody' },
            '400': errorResponse('Invalid input; `fields` names every bad field'),
          },
        },
      },
      '/api/pin-request-status/first-half-again': {
        post: {
          summary:
            '"The SMS never came": the same first 8 characters, once more, to the request’s own contact, after ' +
            'FIRST_HALF_RESEND_AFTER and before the PIN is first used',
          operationId: 'sendFirstHalfAgain',
          parameters: [statusTokenParam],
          responses: {
            '202': { description: 'On its way again' },
            '404': errorResponse('The link is not valid or has expired'),
            '409': errorResponse('`first_half_not_sent_again`: too soon, already sent again, or the PIN was used'),
            '503': errorResponse('`try_again_later`: Temporal did not take the send; nothing was used up'),
          },
        },
      },
      '/api/pin-request-status/new-letter': {
        post: {
          summary:
            '"My letter never came": a new PIN by a new letter, the old PIN dead; once the expected day has passed',
          operationId: 'askForNewLetter',
          parameters: [statusTokenParam],
          responses: {
            '202': { description: 'A new PIN is on its way: first half to the request’s contact, second by letter' },
            '404': errorResponse('The link is not valid or has expired'),
            '409': errorResponse(
              '`new_letter_not_yet`, `new_letter_too_many` (LETTER_REISSUES_MAX), `new_letter_pin_already_used` or ' +
                '`new_letter_request_under_way`',
            ),
          },
        },
      },
      '/api/pin-requests/lookups': {
        post: {
          summary:
            '"Find my request": codice fiscale and the phone or email the request gave; a fresh status link goes there',
          operationId: 'findPinRequest',
          requestBody: jsonBody(requestLookupSchema),
          responses: {
            '202': { description: 'The same answer whatever was typed: the link is sent, never shown' },
            '400': errorResponse('Invalid input; `fields` names every bad field'),
            '429': errorResponse('Too many searches from this connection or for this codice fiscale'),
          },
        },
      },
      '/api/conversions': {
        post: {
          summary: '"Converti PIN": a conversion request for my PIN ordinario (the open one, if there is one)',
          operationId: 'requestConversion',
          security: [{ session: [] }],
          responses: {
            '201': json('A new request, with its code and the form to download', '#/components/schemas/Conversion'),
            '200': json('The request already open', '#/components/schemas/Conversion'),
            '401': errorResponse('Not signed in'),
            '409': errorResponse('The PIN is already dispositivo'),
          },
        },
        get: {
          summary: 'My conversion requests, newest first',
          security: [{ session: [] }],
          responses: { '200': { description: '{ conversions: Conversion[] }' }, '401': errorResponse('Not signed in') },
        },
      },
      '/api/conversions/{id}': {
        get: {
          summary: 'Where my conversion request stands',
          security: [{ session: [] }],
          parameters: [idParam],
          responses: {
            '200': json('The request', '#/components/schemas/Conversion'),
            '404': errorResponse('No such request of mine'),
          },
        },
      },
      '/api/conversions/{id}/form': {
        get: {
          summary: 'The prefilled form to print and sign (PDF, with the request code as a QR code)',
          security: [{ session: [] }],
          parameters: [idParam],
          responses: {
            '200': { description: 'The form', content: { 'application/pdf': {} } },
            '404': errorResponse('No such request of mine'),
          },
        },
      },
      '/api/conversions/{id}/documents': {
        post: {
          summary: 'Return the signed form and a copy of an identity document (PDF, JPEG or PNG, by content)',
          security: [{ session: [] }],
          parameters: [idParam],
          requestBody: {
            required: true,
            content: {
              'multipart/form-data': {
                schema: {
                  type: 'object',
                  required: ['signedForm', 'identityDocument'],
                  properties: {
                    signedForm: { type: 'string', format: 'binary' },
                    identityDocument: { type: 'string', format: 'binary' },
                  },
                },
              },
            },
          },
          responses: {
            '202': json('Stored; the documents go to review', '#/components/schemas/Conversion'),
            '400': errorResponse('A file is missing, empty or damaged; `fields` says which'),
            '404': errorResponse('No such request of mine'),
            '409': errorResponse('The request has its documents already, or is closed'),
            '413': errorResponse('A file is larger than allowed'),
            '415': errorResponse('A file is not a PDF, JPEG or PNG, whatever its name'),
          },
        },
      },
      '/api/applications': {
        post: {
          summary: 'File a benefit application; with a PIN ordinario it is filed and waits for the PIN dispositivo',
          security: [{ session: [] }],
          requestBody: jsonBody(applicationSchema),
          responses: {
            '201': json('Filed: protocol number and filing date', '#/components/schemas/Application'),
            '403': errorResponse('The service is not for my registry profile'),
            '404': errorResponse('No such service'),
            '422': errorResponse('A consultation service: nothing to apply for'),
          },
        },
        get: {
          summary: 'My applications, newest first',
          security: [{ session: [] }],
          responses: {
            '200': { description: '{ applications: Application[] }' },
            '401': errorResponse('Not signed in'),
          },
        },
      },
      '/api/phone-pins': {
        post: {
          summary: 'Make a temporary phone PIN (SPID or CIE sessions only); shown this once',
          security: [{ session: [] }],
          requestBody: jsonBody(phonePinRequestSchema),
          responses: {
            '201': { description: '{ phonePinId, pin, validity, expiresAt }' },
            '400': errorResponse('No validity, or not one of 1_day, 1_week, 1_month, 3_months'),
            '403': errorResponse('Signed in with a PIN: sign in with SPID or CIE'),
          },
        },
        get: {
          summary: 'My phone PINs, with their state (never the PINs)',
          security: [{ session: [] }],
          responses: { '200': { description: '{ phonePins: [...] }' }, '403': errorResponse('Not a SPID session') },
        },
      },
      '/api/phone-pins/{id}': {
        delete: {
          summary: 'Revoke one of my phone PINs: from now on it identifies nobody',
          security: [{ session: [] }],
          parameters: [idParam],
          responses: { '204': { description: 'Revoked' }, '404': errorResponse('No active phone PIN of mine') },
        },
      },
      '/api/pin/retirement': {
        post: {
          summary: 'Signed in with SPID or CIE: retire every PIN I still hold; they stop working at once',
          security: [{ session: [] }],
          responses: { '200': { description: '{ retired: number }' }, '409': errorResponse('Signed in with a PIN') },
        },
      },
    },
    components: {
      schemas: {
        Error: errorSchema,
        PinRequest: pinRequestView,
        Session: session,
        Account: account,
        Conversion: conversion,
        Application: application,
      },
      securitySchemes: { session: { type: 'http', scheme: 'bearer' } },
    },
  };
}

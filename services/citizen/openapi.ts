// The citizen service's OpenAPI document, served at /openapi.json.
import { lostPinSchema, signInSchema } from '../../domain/credential-input';
import { pinRequestInputSchema } from '../../domain/pin-request-input';
import { LIVE_PIN_REQUEST_STATUSES } from '../../infra/db/schema';
import { errorResponse, errorSchema, jsonBody } from '../shared/openapi';

const pinRequestView = {
  type: 'object',
  properties: {
    requestId: { type: 'string', format: 'uuid' },
    status: {
      type: 'string',
      enum: [...LIVE_PIN_REQUEST_STATUSES, 'delivered', 'rejected'],
    },
    title: { type: 'string', description: 'The status in plain words for the citizen' },
    detail: { type: 'string' },
    rejectionReason: {
      type: ['string', 'null'],
      enum: ['identity_not_verified', 'unreachable_by_phone', 'verification_not_completed', null],
    },
    deliveryChannel: { type: 'string', enum: ['sms', 'email'] },
    submittedAt: { type: 'string', format: 'date-time' },
    updatedAt: { type: 'string', format: 'date-time' },
    statusUrl: { type: 'string' },
    statusPage: { type: 'string' },
    existing: { type: 'boolean', description: 'True when this is a request already in progress for the same person' },
  },
};

const session = {
  type: 'object',
  properties: {
    token: { type: 'string', description: 'Bearer token; also set as the HttpOnly cookie pin_citizen_session' },
    expiresAt: { type: 'string', format: 'date-time' },
    stage: {
      type: 'string',
      enum: ['first_access', 'renewal', 'signed_in'],
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
        kind: { type: 'string', enum: ['ordinario', 'dispositivo'] },
        holder: { type: 'string', enum: ['citizen', 'intermediary'] },
        status: { type: 'string', enum: ['initial', 'active', 'expired', 'revoked'] },
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
          description: { type: 'string' },
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
              description: 'Accepted: validation and delivery go on in the background',
              content: { 'application/json': { schema: { $ref: '#/components/schemas/PinRequest' } } },
            },
            '200': {
              description: 'This person already has a request in progress: that request is returned',
              content: { 'application/json': { schema: { $ref: '#/components/schemas/PinRequest' } } },
            },
            '400': errorResponse('Invalid input; `fields` names every bad field. Nothing was started.'),
            '409': errorResponse('This person already holds a PIN: `links` point to lost PIN and sign-in'),
          },
        },
      },
      '/api/pin-requests/{id}': {
        get: {
          summary: 'Where a PIN request stands',
          operationId: 'getPinRequest',
          parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string', format: 'uuid' } }],
          responses: {
            '200': {
              description: 'The request',
              content: { 'application/json': { schema: { $ref: '#/components/schemas/PinRequest' } } },
            },
            '400': errorResponse('Not a request id'),
            '404': errorResponse('No such request'),
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
    },
    components: {
      schemas: { Error: errorSchema, PinRequest: pinRequestView, Session: session, Account: account },
      securitySchemes: { session: { type: 'http', scheme: 'bearer' } },
    },
  };
}

// The citizen service's OpenAPI document, served at /openapi.json.
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
    },
    components: { schemas: { Error: errorSchema, PinRequest: pinRequestView } },
  };
}

// The codec server Temporal Web is pointed at (`--ui-codec-endpoint`): it decodes the encrypted payloads of a
// workflow history for an ops user signed in to this console, and for nobody else. Temporal Web calls it from its
// own origin with the user's cookie ("Include cross-origin credentials" in its codec settings); every decode is
// audited. The JSON shape is Temporal's remote codec contract: `{ payloads: [{ metadata: {k: base64}, data: base64 }] }`.
import { jsonBody, routes } from '../../shared/input';
import { Router } from 'express';
import { z } from 'zod';
import type { Payload } from '@temporalio/common';
import type { Config } from '../../../infra/config';
import type { Db } from '../../../infra/db';
import { audit } from '../../../repositories/audit';
import { EncryptionCodec, loadPayloadKeyring } from '../../../infra/payload-codec';
import { parseBody } from '../../shared/errors';
import { requireRole } from '../auth';

export const CODEC_PATH = '/codec';

const base64 = z
  .string()
  .max(4_000_000)
  .regex(/^[A-Za-z0-9+/]*={0,2}$/, 'base64');
const bodySchema = z.object({
  payloads: z
    .array(z.object({ metadata: z.record(z.string(), base64).default({}), data: base64.default('') }))
    .max(1000),
});
type JsonPayload = z.infer<typeof bodySchema>['payloads'][number];

const fromJson = (p: JsonPayload): Payload => ({
  metadata: Object.fromEntries(Object.entries(p.metadata).map(([k, v]) => [k, Buffer.from(v, 'base64')])),
  data: Buffer.from(p.data, 'base64'),
});
const toJson = (p: Payload): JsonPayload => ({
  metadata: Object.fromEntries(
    Object.entries(p.metadata ?? {}).map(([k, v]) => [k, Buffer.from(v ?? new Uint8Array()).toString('base64')]),
  ),
  data: Buffer.from(p.data ?? new Uint8Array()).toString('base64'),
});

export function codecRoutes({ db, config }: { db: Db; config: Config }): Router {
  const router = routes();
  const codec = new EncryptionCodec(loadPayloadKeyring(config));

  // Temporal Web is another origin: it may call here, with credentials, and nobody else may.
  router.use(CODEC_PATH, (req, res, next) => {
    if (req.get('origin') === config.temporalUiUrl) {
      res.set({
        'Access-Control-Allow-Origin': config.temporalUiUrl,
        'Access-Control-Allow-Credentials': 'true',
        'Access-Control-Allow-Methods': 'POST, OPTIONS',
        'Access-Control-Allow-Headers': 'content-type, x-namespace, authorization',
        Vary: 'Origin',
      });
    }
    if (req.method === 'OPTIONS') return res.status(204).end();
    next();
  });

  for (const operation of ['decode', 'encode'] as const)
    router.post(`${CODEC_PATH}/${operation}`, ...jsonBody('8mb'), requireRole('ops'), async (req, res) => {
      const body = parseBody(bodySchema, req.body, 'invalid_payloads', 'Send { payloads: [...] }');
      const payloads = body.payloads.map(fromJson);
      const result = operation === 'decode' ? await codec.decode(payloads) : await codec.encode(payloads);
      await audit(db, {
        staffId: req.staff!.id,
        action: `payloads.${operation}d`,
        subjectType: 'temporal_namespace',
        subjectId: req.get('x-namespace') ?? config.TEMPORAL_NAMESPACE,
        details: { count: payloads.length },
      });
      res.json({ payloads: result.map(toJson) });
    });

  return router;
}

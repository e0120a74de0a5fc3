// The fax provider's webhook: a fax received on the INPS number arrives here as a signed multipart POST. The
// signature is checked first; the PDF is checked by content and stored with the fax; then a workflow reads its QR
// code and attaches it to its conversion request, or queues it for an agent. Answered 200 only once stored, so the
// provider retries anything we did not keep; a retry of a stored fax changes nothing.
import { routes } from '../../shared/input';
import type { Client } from '@temporalio/client';
import { Router, type RequestHandler } from 'express';
import multer from 'multer';
import { z } from 'zod';
import { checkDocument } from '../../../domain/documents';
import { FAX_PROVIDER, FAX_SIGNATURE_HEADER, faxWebhookToken, isValidFaxSignature } from '../../../infra/fax';
import type { Config } from '../../../infra/config';
import type { Db } from '../../../infra/db';
import { receiveFax } from '../../../repositories/inbound-faxes';
import { logger } from '../../../infra/logger';
import type { Vault } from '../../../infra/vault';
import { ApiError } from '../../shared/errors';
import { startInboundFaxWorkflow } from '../../../core/pin-dispositivo-processes';

export const FAX_WEBHOOK_PATH = '/webhooks/fax';

const faxMetadataSchema = z.object({
  // The provider's fax id, a number: it keys the fax (a retry of a stored one changes nothing), so one that is not a
  // number is refused rather than read as the text "null" that two different faxes would share.
  id: z.union([z.number().int().positive(), z.string().regex(/^[0-9]{1,20}$/)]).transform(String),
  num_pages: z.number().int().min(0).max(500),
  from_number: z.string().max(32).nullish(),
});

export function inboundFaxRoutes({
  db,
  temporal,
  config,
  vault,
}: {
  db: Db;
  temporal: Client;
  config: Config;
  vault: Vault;
}): Router {
  const router = routes();
  const upload = multer({
    storage: multer.memoryStorage(),
    limits: { fileSize: config.FAX_MAX_BYTES, files: 1, fields: 20, fieldSize: 64_000 },
  });

  // The provider signs the URL it called: the console's public address (behind a TLS proxy, https and the proxy's
  // host), never what this process sees in Host and its own protocol.
  const publicBase = config.agentPublicUrl.replace(/\/$/, '');
  // A body announced larger than any fax is refused before a byte of it is read.
  const maxBody = config.FAX_MAX_BYTES + 64_000 * 20 + 16_384;
  const announcedSize: RequestHandler = (req, _res, next) => {
    if (Number(req.get('content-length') ?? 0) > maxBody)
      throw new ApiError(413, 'file_too_large', 'The fax is larger than allowed');
    next();
  };

  router.post(FAX_WEBHOOK_PATH, announcedSize, upload.single('file'), async (req, res) => {
    const fields = Object.fromEntries(Object.entries(req.body ?? {}).map(([k, v]) => [k, String(v)]));
    const url = `${publicBase}${req.originalUrl}`;
    const files = req.file ? { [req.file.fieldname]: req.file.buffer } : {};
    if (!isValidFaxSignature(faxWebhookToken(config), req.get(FAX_SIGNATURE_HEADER), url, fields, files))
      throw new ApiError(403, 'invalid_signature', 'The webhook signature is missing or wrong');
    if (fields.direction !== 'received' || fields.success !== 'true') return res.status(200).json({ ignored: true });

    let metadata: z.infer<typeof faxMetadataSchema>;
    try {
      metadata = faxMetadataSchema.parse(JSON.parse(fields.fax ?? ''));
    } catch {
      throw new ApiError(400, 'invalid_fax', 'The "fax" field is not the provider’s fax object');
    }
    if (!req.file) throw new ApiError(400, 'missing_file', 'A received fax comes with its PDF');
    const check = checkDocument(req.file.buffer, config.FAX_MAX_BYTES);
    if (!check.ok || check.contentType !== 'application/pdf')
      throw new ApiError(415, 'not_a_pdf', 'A received fax must be a PDF');

    const { faxId, duplicate } = await receiveFax(db, vault, {
      provider: FAX_PROVIDER,
      providerFaxId: metadata.id,
      fromNumber: metadata.from_number ?? null,
      pageCount: metadata.num_pages,
      pdf: req.file.buffer,
    });
    await startInboundFaxWorkflow(temporal, config, { id: faxId, providerFaxId: metadata.id });
    logger.info({ faxId, duplicate }, 'fax received');
    res.status(200).json({ received: true });
  });
  return router;
}

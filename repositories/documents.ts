// The documents citizens send (signed forms, identity documents, faxes): stored sealed with the vault key, each bound
// to its own id, and opened only here, for the agent who reviews them or the activity that reads a fax's code.
import { createHash } from 'node:crypto';
import { sql, type Kysely, type Transaction } from 'kysely';
import type { Vault } from '../infra/vault';
import type { Database } from '../infra/db/schema';
import type { DocumentContentType, DocumentRole } from '../domain/documents';

const sealContext = (documentId: string) => `document:${documentId}`;

/** What a destroyed document keeps: its row (id, type, size, fingerprint) and when, never a byte of its content. */
export const destroyedContent = (at: Date) => ({ sealed_content: sql<Buffer>`''::bytea`, destroyed_at: at });

export async function storeDocument(
  trx: Transaction<Database>,
  vault: Vault,
  doc: {
    id: string;
    role: DocumentRole;
    contentType: DocumentContentType;
    content: Buffer;
    conversionId?: string;
    inboundFaxId?: string;
  },
) {
  await trx
    .insertInto('documents')
    .values({
      id: doc.id,
      role: doc.role,
      content_type: doc.contentType,
      byte_size: doc.content.length,
      sha256: createHash('sha256').update(doc.content).digest('hex'),
      sealed_content: vault.seal(doc.content, sealContext(doc.id)),
      conversion_id: doc.conversionId ?? null,
      inbound_fax_id: doc.inboundFaxId ?? null,
    })
    .execute();
}

/** A document's content in clear, with its type and role. */
export async function openDocument(
  db: Kysely<Database>,
  vault: Vault,
  where: { id: string } | { inboundFaxId: string },
) {
  const row = await db
    .selectFrom('documents')
    .select(['id', 'role', 'content_type', 'sealed_content', 'conversion_id', 'inbound_fax_id'])
    .where('id' in where ? 'id' : 'inbound_fax_id', '=', 'id' in where ? where.id : where.inboundFaxId)
    // A destroyed document (domain/retention.ts) has nothing left to open.
    .where('destroyed_at', 'is', null)
    .executeTakeFirst();
  if (!row) return undefined;
  return {
    role: row.role,
    contentType: row.content_type,
    conversionId: row.conversion_id,
    inboundFaxId: row.inbound_fax_id,
    content: vault.unsealBytes(row.sealed_content, sealContext(row.id)),
  };
}

/** What a review shows of a conversion's or a fax's documents: never their content. */
export function documentsOf(db: Kysely<Database>, of: { conversionId: string } | { inboundFaxId: string }) {
  return db
    .selectFrom('documents')
    .select(['id', 'role', 'content_type', 'byte_size', 'created_at'])
    .where(
      'conversionId' in of ? 'conversion_id' : 'inbound_fax_id',
      '=',
      'conversionId' in of ? of.conversionId : of.inboundFaxId,
    )
    .orderBy('created_at')
    .execute();
}

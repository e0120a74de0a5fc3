// A print house that cannot take a letter (a full disk, a folder gone) never loses it silently (issue "Faults without
// consequences"): the letter activity fails and retries, the half stays sealed, the citizen's status page says the
// letter is held up, and once the print house takes letters again it goes out and the PIN is whole.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { WorkflowNotFoundError } from '@temporalio/client';
import { verifySecret } from '../../domain/pin';
import { letterWorkflowId } from '../../workflows/ids';
import { requestFor } from '../support/demo';
import { deliveredPin } from '../support/pins';
import { eventually, startTestProduct, type TestProduct } from '../support/product';
import { pinRequestActions } from '../support/requests';

let product: TestProduct;
const printHouseDir = path.join(mkdtempSync(path.join(process.env.TEST_DATA_DIR!, 'print-house-')), 'drop');
beforeAll(async () => {
  product = await startTestProduct({ PRINT_HOUSE_DIR: printHouseDir });
});
afterAll(() => product?.stop());

it('holds the letter while the print house refuses it, says so to the citizen, and posts it once it can', async () => {
  // The drop folder replaced by a file: every write into it fails, as on a full or unmounted disk.
  rmSync(printHouseDir, { recursive: true, force: true });
  writeFileSync(printHouseDir, 'not a folder');

  const requests = pinRequestActions(product);
  const { requestId } = await requests.submit(requestFor('Rossi'));
  const heldUp = await eventually(async () => {
    const status = await requests.statusOf(requestId);
    return status.letter?.status === 'held_up' ? status : undefined;
  }, 30_000);
  expect(heldUp.status).toBe('delivering');
  expect(heldUp.detail).toMatch(/letter .* is delayed: we keep trying automatically/);
  expect(await product.db.selectFrom('letters').selectAll().execute()).toEqual([]);
  const delivery = await product.db
    .selectFrom('pin_deliveries')
    .select(['second_half_ciphertext', 'letter_held_up_at'])
    .executeTakeFirstOrThrow();
  expect(delivery.second_half_ciphertext).not.toBeNull();

  rmSync(printHouseDir, { force: true });
  mkdirSync(printHouseDir);
  const delivered = await eventually(async () => {
    const status = await requests.statusOf(requestId);
    return status.status === 'delivered' ? status : undefined;
  }, 90_000);
  expect(delivered.letter).toMatchObject({ status: 'created', sentAt: expect.any(String) });
  const { pin_hash } = await product.db
    .selectFrom('credentials')
    .select('pin_hash')
    .where('pin_request_id', '=', requestId)
    .executeTakeFirstOrThrow();
  expect(await verifySecret(pin_hash, await deliveredPin(product, requestId))).toBe(true);
  expect(await product.db.selectFrom('pin_deliveries').select('letter_held_up_at').executeTakeFirstOrThrow()).toEqual({
    letter_held_up_at: null,
  });
  // A drop folder reports nothing back: the letter is not followed, so its silence never counts as a lost letter.
  const letter = await product.db
    .selectFrom('letters')
    .select('id')
    .where('pin_request_id', '=', requestId)
    .executeTakeFirstOrThrow();
  await expect(product.temporal.workflow.getHandle(letterWorkflowId(letter.id)).describe()).rejects.toThrow(
    WorkflowNotFoundError,
  );
}, 150_000);

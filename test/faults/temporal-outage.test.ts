// Intake through a Temporal outage (issue 19): the citizen service reaches Temporal through a loopback proxy that is
// cut, as a network partition or a Temporal restart would cut it. Requests sent meanwhile are answered 202 at once,
// from Postgres; nothing is started while Temporal is away; once it answers again every request is taken in, each
// exactly once, without waiting for the minute's pending-process sweep.
import net from 'node:net';
import type { Server } from 'node:http';
import { submissionStarter } from '../../core/submission-starter';
import { connectClient } from '../../infra/temporal';
import { listen } from '../../infra/http';
import { createCitizenApp } from '../../services/citizen/app';
import { requestFor } from '../support/demo';
import { expectEachTakenInOnce } from '../support/requests';
import { freePort } from '../support/ports';
import { clearRequests, startTestProduct, type TestProduct } from '../support/product';

let product: TestProduct;
beforeAll(async () => {
  product = await startTestProduct();
});
afterAll(() => product?.stop());
beforeEach(() => clearRequests(product));

/** A TCP proxy to the Temporal frontend that can be cut (every connection dropped, new ones refused) and restored. */
async function cuttableProxy(target: string) {
  const [host, port] = [target.split(':')[0]!, Number(target.split(':')[1])];
  let cut = false;
  const sockets = new Set<net.Socket>();
  const track = (socket: net.Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => socket.destroy());
  };
  const server = net.createServer((client) => {
    if (cut) return void client.destroy();
    const upstream = net.connect(port, host);
    track(client);
    track(upstream);
    client.pipe(upstream).pipe(client);
    client.on('close', () => upstream.destroy());
    upstream.on('close', () => client.destroy());
  });
  const listenPort = await freePort();
  await new Promise<void>((resolve) => server.listen(listenPort, '127.0.0.1', resolve));
  return {
    address: `127.0.0.1:${listenPort}`,
    cut() {
      cut = true;
      for (const socket of sockets) socket.destroy();
    },
    restore() {
      cut = false;
    },
    close: () => new Promise((resolve) => server.close(resolve)),
  };
}

const CITIZENS = ['Rossi', 'Bianchi', 'Esposito', 'Ferrari', 'Romano', 'Ricci', 'Greco', 'Russo', 'Colombo', 'Bruno'];

it('answers 202 from Postgres while Temporal is cut off, and takes each request in exactly once when it is back', async () => {
  const proxy = await cuttableProxy(product.config.TEMPORAL_ADDRESS!);
  const temporal = await connectClient(product.config, proxy.address);
  const server: Server = await listen(
    createCitizenApp({ db: product.db, temporal, config: product.config }),
    await freePort(),
  );
  const { port } = server.address() as { port: number };
  // Temporal is away for every citizen service: the product's own starter (whose connection is not cut) is held.
  await submissionStarter(product).stop();
  try {
    proxy.cut();
    const answers = await Promise.all(
      CITIZENS.map(async (lastName) => {
        const started = Date.now();
        const res = await fetch(`http://127.0.0.1:${port}/api/pin-requests`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(requestFor(lastName)),
        });
        return { status: res.status, ms: Date.now() - started };
      }),
    );
    // Answered without waiting for Temporal (the start used to hold the answer up to 3 s in an outage).
    expect(answers.map((a) => a.status)).toEqual(CITIZENS.map(() => 202));
    expect(Math.max(...answers.map((a) => a.ms))).toBeLessThan(1_500);

    const submissions = () => product.db.selectFrom('submissions').select(['id', 'taken_in_at']).execute();
    expect((await submissions()).length).toBe(CITIZENS.length);
    // The outage lasts: nothing reaches Temporal, and the starts keep being tried.
    await new Promise((resolve) => setTimeout(resolve, 4_000));
    expect((await submissions()).filter((s) => s.taken_in_at)).toEqual([]);

    proxy.restore();
    // Well within the minute the pending-process sweep would take: the starter tries again every few seconds.
    await expectEachTakenInOnce(
      product,
      CITIZENS.map((lastName) => requestFor(lastName).fiscalCode),
      30_000,
    );
  } finally {
    await new Promise((resolve) => server.close(resolve));
    await submissionStarter({ db: product.db, temporal, config: product.config }).stop();
    submissionStarter(product).wake();
    await temporal.connection.close();
    await proxy.close();
  }
});

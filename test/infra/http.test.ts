// The HTTP listen helpers as the TLS proxy in front of the services meets them: a connection it keeps for reuse
// must still be open when it reuses it, or the citizen gets the proxy's 502.
import net from 'node:net';
import express from 'express';
import type { Server } from 'node:http';
import { listen, stopServer } from '../../infra/http';

/** One raw keep-alive connection, as a proxy's upstream pool holds it: requests written on it one after another. */
function pooledConnection(port: number) {
  const socket = net.connect(port, '127.0.0.1');
  let received = '';
  let closed = false;
  socket.on('data', (chunk) => (received += chunk.toString('latin1')));
  socket.on('close', () => (closed = true));
  socket.on('error', () => (closed = true));
  return {
    get closed() {
      return closed;
    },
    /** Writes a GET and waits for a whole answer, or for the connection to end without one. */
    async get(path: string): Promise<string | 'connection closed'> {
      received = '';
      if (closed) return 'connection closed';
      socket.write(`GET ${path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: keep-alive\r\n\r\n`);
      for (;;) {
        if (/\r\n\r\n[\s\S]*ok$/.test(received)) return received;
        if (closed) return 'connection closed';
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    },
    end: () => socket.destroy(),
  };
}

describe('listen', () => {
  let server: Server;
  beforeAll(async () => {
    const app = express();
    app.get('/ping', (_req, res) => {
      res.type('text/plain').send('ok');
    });
    server = await listen(app, 0);
  });
  afterAll(() => stopServer(server));

  it('keeps an idle connection open longer than a proxy keeps it for reuse (60 s at nginx and AWS load balancers)', async () => {
    const port = (server.address() as net.AddressInfo).port;
    const connection = pooledConnection(port);
    expect(await connection.get('/ping')).toMatch(/^HTTP\/1\.1 200/);
    // The proxy's pool offers the connection again after some idle seconds: Node's own default closes it after 5.
    await new Promise((resolve) => setTimeout(resolve, 6_500));
    expect(connection.closed).toBe(false);
    expect(await connection.get('/ping')).toMatch(/^HTTP\/1\.1 200/);
    connection.end();
  }, 20_000);

  it('tells clients how long it keeps an idle connection, above the proxies’ 60 s', async () => {
    const port = (server.address() as net.AddressInfo).port;
    const answer = await fetch(`http://127.0.0.1:${port}/ping`);
    const timeout = Number(/timeout=(\d+)/.exec(answer.headers.get('keep-alive') ?? '')?.[1]);
    expect(timeout).toBeGreaterThan(60);
  });
});

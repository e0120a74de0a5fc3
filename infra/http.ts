// Starting an Express app on a port, as a promise that fails if the port is taken; stopping it gracefully; and
// whether anything answers on a loopback port at all.
import type { Server } from 'node:http';
import net from 'node:net';
import { createServer as createHttpsServer, type ServerOptions } from 'node:https';
import type express from 'express';

/**
 * How long an idle keep-alive connection stays open. The TLS proxy in front pools its connections to the services and
 * reuses one after up to 60 s idle (nginx's and AWS load balancers' default); a connection the service had already
 * closed (Node's default: after 5 s) fails in the proxy, and the citizen gets a 502. The service must outlast the
 * proxy, so that the proxy is always the side that retires a connection: keep the proxy's idle timeout under this.
 * `stopServer` closes idle connections at once, so a longer keep-alive does not hold a stop.
 */
const KEEP_ALIVE_MS = 65_000;

export function listen(app: express.Express, port: number, host = '127.0.0.1'): Promise<Server> {
  return new Promise((resolve, reject) => {
    const server = app.listen(port, host, (err?: Error) => (err ? reject(err) : resolve(server)));
    server.keepAliveTimeout = KEEP_ALIVE_MS;
  });
}

/** The same over TLS (the CNS sign-in endpoint asks for client certificates). */
export function listenTls(app: express.Express, tls: ServerOptions, port: number, host = '127.0.0.1'): Promise<Server> {
  return new Promise((resolve, reject) => {
    const server = createHttpsServer(tls, app);
    server.keepAliveTimeout = KEEP_ALIVE_MS;
    server.once('error', reject);
    // An https server is an http server over TLS: the same close and connection handling.
    server.listen(port, host, () => resolve(server as unknown as Server));
  });
}

/**
 * Stops taking connections and lets the requests in flight finish, for at most `deadlineMs`; then drops what is left.
 * Idle keep-alive connections are closed at once, or a browser's open connection would hold the stop for minutes.
 */
export function stopServer(server: Server, deadlineMs = 10_000): Promise<void> {
  return new Promise((resolve) => {
    if (!server.listening) return resolve();
    const timer = setTimeout(() => server.closeAllConnections(), deadlineMs);
    server.close(() => {
      clearTimeout(timer);
      resolve();
    });
    server.closeIdleConnections();
  });
}

/** Whether anything accepts connections on this loopback port, whatever it speaks. */
export function portAnswers(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

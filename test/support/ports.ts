// Free loopback ports for the servers a test starts. They are taken below Linux's ephemeral range (32768-60999):
// a port the kernel hands out for listen(0) can be taken a moment later as the source port of an outgoing
// connection (to Postgres, to Temporal) before the test's server listens on it. A port is never handed out twice.
import net from 'node:net';

const handedOut = new Set<number>();
const [LOW, HIGH] = [20_000, 32_000];

function bindable(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

export async function freePort(): Promise<number> {
  for (let tries = 0; tries < 200; tries++) {
    const port = LOW + Math.floor(Math.random() * (HIGH - LOW));
    if (handedOut.has(port) || !(await bindable(port))) continue;
    handedOut.add(port);
    return port;
  }
  throw new Error('no free port found');
}

// Starting an Express app on a port, as a promise that fails if the port is taken.
import type { Server } from 'node:http';
import type express from 'express';

export function listen(app: express.Express, port: number, host = '127.0.0.1'): Promise<Server> {
  return new Promise((resolve, reject) => {
    const server = app.listen(port, host, (err?: Error) => (err ? reject(err) : resolve(server)));
  });
}

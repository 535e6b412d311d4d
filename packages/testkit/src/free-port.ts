import { createServer } from 'node:net';

/**
 * Finds a TCP port on 127.0.0.1 that is free right now, by binding port 0 and closing again.
 *
 * Another process could take the port before the caller binds it; for servers this module
 * controls itself, listening on port 0 directly is better. Use this only for child processes
 * that need the port on their command line.
 */
export async function findFreePort(): Promise<number> {
  return new Promise<number>((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      if (address === null || typeof address === 'string') {
        server.close();
        reject(new Error('Could not read the port of a probe socket'));
        return;
      }
      const { port } = address;
      server.close(() => {
        resolve(port);
      });
    });
  });
}

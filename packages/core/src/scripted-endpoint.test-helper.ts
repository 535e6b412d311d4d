import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One answer of a scripted endpoint: a status and JSON body, or `reset` to drop the connection after reading the request. */
export type ScriptedAnswer = { readonly status: number; readonly body: string } | 'reset';

/** A local AWS JSON-protocol endpoint for unit tests of client logic through the real SDK. */
export interface ScriptedEndpoint {
  readonly url: string;
  /** Requests received for `operation` (its `X-Amz-Target`, e.g. `AmazonSSM.PutParameter`). */
  calls(operation: string): number;
  stop(): Promise<void>;
}

/**
 * Starts an endpoint on 127.0.0.1 that answers each operation from its script, in order, then
 * keeps giving the last answer. An operation without a script gets a 501 naming it.
 */
export async function startScriptedEndpoint(scripts: Readonly<Record<string, readonly ScriptedAnswer[]>>): Promise<ScriptedEndpoint> {
  const counts = new Map<string, number>();
  const server: Server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      const target = req.headers['x-amz-target'];
      const operation = typeof target === 'string' ? target : '';
      const count = counts.get(operation) ?? 0;
      counts.set(operation, count + 1);
      const script = scripts[operation];
      const answer = script === undefined ? undefined : script[Math.min(count, script.length - 1)];
      if (answer === undefined) {
        res.writeHead(501, { 'content-type': 'application/x-amz-json-1.1' }).end(JSON.stringify({ __type: 'NotScripted', message: `no script for '${operation}'` }));
        return;
      }
      if (answer === 'reset') {
        req.socket.destroy();
        return;
      }
      res.writeHead(answer.status, { 'content-type': 'application/x-amz-json-1.1' }).end(answer.body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    calls: (operation) => counts.get(operation) ?? 0,
    stop: () =>
      new Promise<void>((resolve) => {
        server.close(() => {
          resolve();
        });
        server.closeAllConnections();
      }),
  };
}

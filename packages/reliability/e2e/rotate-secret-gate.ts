import { createServer, request as httpRequest } from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { RotateSecretCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import type { IamMoto } from './moto-iam.js';

/** A running gate. */
export interface RotateSecretGate {
  readonly endpoint: string;
  stop(): Promise<void>;
}

/**
 * Puts moto's IAM check in front of the rotation simulator's RotateSecret.
 *
 * The simulator answers RotateSecret itself (moto's own rotation is not the AWS one), so moto
 * never sees that call and cannot deny it. The gate asks moto instead: it sends RotateSecret
 * for a secret that does not exist, signed with the caller's own credentials (looked up in
 * moto by access key id). moto checks the permission before it looks for the secret, so a 403
 * means the caller's role may not call secretsmanager:RotateSecret and is returned as is; a
 * ResourceNotFoundException means it may, and the real request goes on to the simulator.
 * Every other request passes through unchanged.
 */
export async function startRotateSecretGate(options: { target: string; moto: IamMoto }): Promise<RotateSecretGate> {
  const target = new URL(options.target);

  const forward = (req: IncomingMessage, body: Buffer, res: ServerResponse): void => {
    const outgoing = httpRequest(
      { hostname: target.hostname, port: target.port, method: req.method, path: req.url, headers: { ...req.headers, 'content-length': String(body.length) } },
      (incoming) => {
        res.writeHead(incoming.statusCode ?? 502, incoming.headers);
        incoming.pipe(res);
      },
    );
    outgoing.once('error', (error) => {
      res.writeHead(502, { 'content-type': 'text/plain' }).end(`gate: ${error.message}`);
    });
    outgoing.end(body);
  };

  /** The 403 body moto answered the probe with, or undefined when RotateSecret is allowed. */
  const probe = async (req: IncomingMessage): Promise<string | undefined> => {
    const scope = /Credential=([^/]+)\/\d{8}\/([^/]+)\//.exec(req.headers.authorization ?? '');
    const credentials = scope === null ? undefined : await options.moto.sessionCredentials(scope[1]!);
    if (scope === null || credentials === undefined) throw new Error(`gate: RotateSecret signed with credentials moto did not issue: ${req.headers.authorization ?? 'none'}`);
    const client = new SecretsManagerClient({ endpoint: options.moto.server.endpoint, region: scope[2]!, credentials, maxAttempts: 1 });
    try {
      await client.send(new RotateSecretCommand({ SecretId: 'iam-gate/probe-of-a-secret-that-does-not-exist' }));
      throw new Error('gate: the RotateSecret probe found a secret that must not exist');
    } catch (error) {
      const status = (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;
      if (status === 403) return (error as { $responseBodyText?: string }).$responseBodyText ?? '';
      if ((error as Error).name === 'ResourceNotFoundException') return undefined;
      throw error;
    } finally {
      client.destroy();
    }
  };

  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.once('end', () => {
      const body = Buffer.concat(chunks);
      if (req.headers['x-amz-target'] !== 'secretsmanager.RotateSecret') {
        forward(req, body, res);
        return;
      }
      probe(req).then(
        (denial) => {
          if (denial === undefined) forward(req, body, res);
          else res.writeHead(403, { 'content-type': 'text/html; charset=utf-8' }).end(denial);
        },
        (error: unknown) => {
          res.writeHead(500, { 'content-type': 'text/plain' }).end(String(error));
        },
      );
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    stop: () =>
      new Promise<void>((resolve) => {
        server.close(() => {
          resolve();
        });
        server.closeAllConnections();
      }),
  };
}

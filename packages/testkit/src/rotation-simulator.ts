import { randomBytes, randomUUID } from 'node:crypto';
import { createServer, request as httpRequest } from 'node:http';
import type { IncomingMessage, OutgoingHttpHeaders, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import {
  DescribeSecretCommand,
  GetSecretValueCommand,
  PutSecretValueCommand,
  UpdateSecretVersionStageCommand,
  type SecretsManagerClient,
} from '@aws-sdk/client-secrets-manager';
import { secretsClient } from './seed.js';

/** The four steps a rotation Lambda runs, in order. */
export const ROTATION_STEPS = ['createSecret', 'setSecret', 'testSecret', 'finishSecret'] as const;
/** One of {@link ROTATION_STEPS}. */
export type RotationStep = (typeof ROTATION_STEPS)[number];

/** How the simulated rotation function behaves for one secret. */
export interface RotationBehaviour {
  /** The step throws: the steps before it ran, it and the ones after it do not. */
  failAt?: RotationStep;
  /** The step never returns (until the simulator stops): the rotation stays unfinished. */
  hangAt?: RotationStep;
  /** Delay before the first step, in ms; the simulator's `startDelayMs` by default. */
  startDelayMs?: number;
}

/** The rotation configuration of a secret, as DescribeSecret reports it. */
export interface SimulatedRotationConfig {
  lambdaArn: string;
  rules?: { AutomaticallyAfterDays?: number; ScheduleExpression?: string; Duration?: string };
}

/** One rotation the simulator ran (or is running). */
export interface SimulatedRotation {
  readonly secretArn: string;
  readonly secretName: string;
  readonly versionId: string;
  /** Steps that completed, in order. */
  readonly completedSteps: RotationStep[];
  status: 'running' | 'succeeded' | 'failed' | 'hanging';
  /** Why it failed (a simulated failure, or an AWS error from moto). */
  error?: string;
}

/** Options of {@link startRotationSimulator}. */
export interface RotationSimulatorOptions {
  /** moto's endpoint: every request is forwarded there, and the rotation steps call it. */
  target: string;
  /** Delay before a rotation's first step; 100 ms by default. */
  startDelayMs?: number;
  /** Delay between steps; 20 ms by default. */
  stepDelayMs?: number;
  /**
   * Credentials for the simulator's own calls to moto; moto's dummy ones by default. Once moto
   * enforces IAM (`/moto-api/reset-auth`), only the keys of an IAM user it knows are accepted.
   */
  credentials?: { accessKeyId: string; secretAccessKey: string };
}

/** A running rotation simulator. */
export interface RotationSimulator {
  /** Where to send Secrets Manager requests (or the target of a counting proxy). */
  readonly endpoint: string;
  /** Every rotation started since the last reset, in order. */
  readonly rotations: SimulatedRotation[];
  /** Every secret value the simulated createSecret step wrote: none may leak. */
  readonly createdValues: string[];
  /** The most rotations that were running at the same time since the last reset: proof of parallel starts without timing. */
  readonly peakRunning: number;
  /** Sets how rotations of the secret named `secretName` behave (default: succeed). */
  setBehaviour(secretName: string, behaviour: RotationBehaviour): void;
  /** Configures rotation on a secret (by name or ARN), as an earlier RotateSecret with `RotateImmediately: false` would have. */
  configureRotation(secretId: string, config: SimulatedRotationConfig, region?: string): Promise<void>;
  /** The rotation configuration recorded for a secret's ARN. */
  rotationConfig(secretArn: string): SimulatedRotationConfig | undefined;
  /** Resolves once no rotation is running (hanging ones excepted). */
  settled(): Promise<void>;
  /** Forgets behaviours and the rotation list (recorded configuration and created values are kept). */
  reset(): void;
  /** Stops the server; hanging rotations are abandoned. Idempotent. */
  stop(): Promise<void>;
}

interface AwsErrorReply {
  status: number;
  body: string;
}

function awsError(type: string, message: string, status = 400): AwsErrorReply {
  return { status, body: JSON.stringify({ __type: type, message, Message: message }) };
}

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** The region of a SigV4-signed request, from its credential scope. */
function regionOf(req: IncomingMessage): string {
  const authorization = req.headers.authorization ?? '';
  return /Credential=[^/,\s]+\/\d{8}\/([^/]+)\/secretsmanager\/aws4_request/.exec(authorization)?.[1] ?? 'us-east-1';
}

function errorText(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}

/**
 * Starts a stand-in for a rotation Lambda in front of moto, answering
 * `RotateSecret` the way AWS does: the secret must exist, have a rotation
 * function (configured before or given in the call), and no unfinished
 * rotation (AWSPENDING on a version other than AWSCURRENT →
 * `InvalidRequestException`); the configuration is recorded (and shown by
 * `DescribeSecret`); the new `VersionId` (the `ClientRequestToken`, or a
 * fresh UUID) is returned at once. A token already used for that secret
 * returns the same version without starting a second rotation.
 *
 * Then, after a delay, it plays the four steps through the real API against
 * moto: createSecret (`PutSecretValue` of a random value under AWSPENDING
 * with that version id), setSecret and testSecret (read the pending value by
 * version id and stage), finishSecret (`UpdateSecretVersionStage` moving
 * AWSCURRENT from the old version, then removing AWSPENDING). Values are
 * always read with an explicit stage: moto may remember another default version.
 *
 * It is an HTTP server, not an interceptor of the counting proxy: an
 * interceptor answers synchronously and cannot change a response, while
 * validating needs moto's state and `DescribeSecret` must show the recorded
 * rotation configuration (moto's own RotateSecret cannot record it: see
 * the README section). Put the counting proxy in front of it
 * (`startAwsProxy({ target: simulator.endpoint })`) so the action's calls are
 * still counted and faults can still be injected; the simulator's own calls
 * go straight to moto and are not counted.
 */
export async function startRotationSimulator(options: RotationSimulatorOptions): Promise<RotationSimulator> {
  const target = new URL(options.target);
  const startDelayMs = options.startDelayMs ?? 100;
  const stepDelayMs = options.stepDelayMs ?? 20;
  const behaviours = new Map<string, RotationBehaviour>();
  const configs = new Map<string, SimulatedRotationConfig>();
  const rotations: SimulatedRotation[] = [];
  const createdValues: string[] = [];
  const running = new Set<Promise<void>>();
  // Rotations whose play has not ended (hanging ones included), and the most there were at once.
  let inFlight = 0;
  let peakRunning = 0;
  const clients = new Map<string, SecretsManagerClient>();
  const abort = new AbortController();
  const clientFor = (region: string): SecretsManagerClient => {
    let client = clients.get(region);
    if (client === undefined) {
      client = secretsClient(options.target, region, options.credentials);
      clients.set(region, client);
    }
    return client;
  };

  const runStep = async (rotation: SimulatedRotation, step: RotationStep, behaviour: RotationBehaviour, client: SecretsManagerClient): Promise<void> => {
    if (behaviour.hangAt === step) {
      rotation.status = 'hanging';
      await new Promise<void>((resolve) => {
        abort.signal.addEventListener('abort', () => {
          resolve();
        }, { once: true });
      });
      throw new Error(`hung at ${step}`);
    }
    if (behaviour.failAt === step) throw new Error(`simulated failure in ${step}`);
    const secretId = rotation.secretArn;
    const versionId = rotation.versionId;
    switch (step) {
      case 'createSecret': {
        await client.send(new GetSecretValueCommand({ SecretId: secretId, VersionStage: 'AWSCURRENT' }));
        const value = `rotated-${randomBytes(12).toString('hex')}`;
        createdValues.push(value);
        await client.send(new PutSecretValueCommand({ SecretId: secretId, ClientRequestToken: versionId, SecretString: value, VersionStages: ['AWSPENDING'] }));
        return;
      }
      case 'setSecret':
      case 'testSecret':
        // A real function sets or tries the pending credential in the database; here it is read back.
        await client.send(new GetSecretValueCommand({ SecretId: secretId, VersionId: versionId, VersionStage: 'AWSPENDING' }));
        return;
      case 'finishSecret': {
        const described = await client.send(new DescribeSecretCommand({ SecretId: secretId }));
        const current = Object.entries(described.VersionIdsToStages ?? {}).find(([, stages]) => stages.includes('AWSCURRENT'))?.[0];
        if (current !== versionId) {
          await client.send(
            new UpdateSecretVersionStageCommand({
              SecretId: secretId,
              VersionStage: 'AWSCURRENT',
              MoveToVersionId: versionId,
              ...(current === undefined ? {} : { RemoveFromVersionId: current }),
            }),
          );
        }
        await client.send(new UpdateSecretVersionStageCommand({ SecretId: secretId, VersionStage: 'AWSPENDING', RemoveFromVersionId: versionId }));
        return;
      }
    }
  };

  const play = async (rotation: SimulatedRotation, region: string): Promise<void> => {
    const behaviour = behaviours.get(rotation.secretName) ?? {};
    const client = clientFor(region);
    await sleep(behaviour.startDelayMs ?? startDelayMs);
    try {
      for (const [index, step] of ROTATION_STEPS.entries()) {
        if (index > 0) await sleep(stepDelayMs);
        if (abort.signal.aborted) throw new Error('simulator stopped');
        await runStep(rotation, step, behaviour, client);
        rotation.completedSteps.push(step);
      }
      rotation.status = 'succeeded';
    } catch (error) {
      rotation.status = 'failed';
      rotation.error = errorText(error);
    }
  };

  const rotate = async (req: IncomingMessage, body: string): Promise<{ status: number; body: string }> => {
    const request = JSON.parse(body) as {
      SecretId?: string;
      ClientRequestToken?: string;
      RotationLambdaARN?: string;
      RotationRules?: SimulatedRotationConfig['rules'];
      RotateImmediately?: boolean;
    };
    const region = regionOf(req);
    const client = clientFor(region);
    let described;
    try {
      described = await client.send(new DescribeSecretCommand({ SecretId: request.SecretId ?? '' }));
    } catch (error) {
      const name = error instanceof Error ? error.name : 'InternalServiceError';
      return awsError(name, error instanceof Error ? error.message : String(error), name === 'ResourceNotFoundException' ? 400 : 500);
    }
    const arn = described.ARN ?? '';
    const name = described.Name ?? '';
    const stages = described.VersionIdsToStages ?? {};
    const token = request.ClientRequestToken;
    const earlier = token === undefined ? undefined : rotations.find((rotation) => rotation.secretArn === arn && rotation.versionId === token);
    if (earlier !== undefined) return { status: 200, body: JSON.stringify({ ARN: arn, Name: name, VersionId: earlier.versionId }) };

    const existing = configs.get(arn);
    const lambdaArn = request.RotationLambdaARN ?? existing?.lambdaArn;
    if (lambdaArn === undefined) {
      return awsError('InvalidRequestException', 'No Lambda rotation function ARN is associated with this secret.');
    }
    const rules = request.RotationRules ?? existing?.rules;
    if (rules?.AutomaticallyAfterDays !== undefined && rules.ScheduleExpression !== undefined) {
      return awsError('InvalidParameterException', 'You cannot specify both rotation frequency and schedule expression together.');
    }
    const unfinished = Object.values(stages).some((labels) => labels.includes('AWSPENDING') && !labels.includes('AWSCURRENT'));
    if (unfinished) {
      return awsError('InvalidRequestException', "A previous rotation isn't complete. That rotation will be reattempted.");
    }
    configs.set(arn, { lambdaArn, ...(rules === undefined ? {} : { rules }) });
    if (request.RotateImmediately === false) {
      // AWS runs only testSecret against AWSCURRENT then; no version is created.
      return { status: 200, body: JSON.stringify({ ARN: arn, Name: name }) };
    }
    const rotation: SimulatedRotation = { secretArn: arn, secretName: name, versionId: token ?? randomUUID(), completedSteps: [], status: 'running' };
    rotations.push(rotation);
    const played = play(rotation, region).finally(() => {
      running.delete(played);
      inFlight--;
    });
    running.add(played);
    inFlight++;
    peakRunning = Math.max(peakRunning, inFlight);
    return { status: 200, body: JSON.stringify({ ARN: arn, Name: name, VersionId: rotation.versionId }) };
  };

  const forward = async (req: IncomingMessage, body: Buffer): Promise<{ status: number; headers: OutgoingHttpHeaders; body: Buffer }> =>
    new Promise((resolve, reject) => {
      const headers: OutgoingHttpHeaders = { ...req.headers, 'content-length': String(body.length) };
      delete headers.connection;
      delete headers['transfer-encoding'];
      const outgoing = httpRequest(
        { protocol: 'http:', hostname: target.hostname, port: target.port, method: req.method, path: req.url, headers },
        (incoming) => {
          const chunks: Buffer[] = [];
          incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
          incoming.once('end', () => {
            const responseHeaders: OutgoingHttpHeaders = { ...incoming.headers };
            delete responseHeaders['transfer-encoding'];
            delete responseHeaders.connection;
            resolve({ status: incoming.statusCode ?? 502, headers: responseHeaders, body: Buffer.concat(chunks) });
          });
          incoming.once('error', reject);
        },
      );
      outgoing.once('error', reject);
      outgoing.end(body);
    });

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const body = await readBody(req);
    const operation = req.headers['x-amz-target'];
    if (operation === 'secretsmanager.RotateSecret') {
      const reply = await rotate(req, body.toString('utf8'));
      res.writeHead(reply.status, { 'content-type': 'application/x-amz-json-1.1' }).end(reply.body);
      return;
    }
    const reply = await forward(req, body);
    let replyBody = reply.body;
    if (operation === 'secretsmanager.DescribeSecret' && reply.status === 200) {
      // Show the recorded configuration instead of moto's, which knows no schedule expressions.
      const described = JSON.parse(replyBody.toString('utf8')) as Record<string, unknown>;
      const config = typeof described.ARN === 'string' ? configs.get(described.ARN) : undefined;
      if (config !== undefined) {
        described.RotationEnabled = true;
        described.RotationLambdaARN = config.lambdaArn;
        if (config.rules === undefined) delete described.RotationRules;
        else described.RotationRules = config.rules;
        replyBody = Buffer.from(JSON.stringify(described), 'utf8');
      }
    }
    res.writeHead(reply.status, { ...reply.headers, 'content-length': String(replyBody.length) }).end(replyBody);
  };

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'application/x-amz-json-1.1' });
      res.end(JSON.stringify({ __type: 'InternalServiceError', message: `rotation simulator: ${errorText(error)}` }));
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  let stopped: Promise<void> | undefined;

  return {
    endpoint: `http://127.0.0.1:${port}`,
    rotations,
    createdValues,
    get peakRunning() {
      return peakRunning;
    },
    setBehaviour: (secretName, behaviour) => {
      behaviours.set(secretName, behaviour);
    },
    configureRotation: async (secretId, config, region = 'us-east-1') => {
      const described = await clientFor(region).send(new DescribeSecretCommand({ SecretId: secretId }));
      if (described.ARN === undefined) throw new Error(`DescribeSecret returned no ARN for '${secretId}'`);
      configs.set(described.ARN, config);
    },
    rotationConfig: (secretArn) => configs.get(secretArn),
    settled: async () => {
      while ([...running].length > 0 && rotations.some((rotation) => rotation.status === 'running')) {
        await Promise.race([Promise.all(running), sleep(50)]);
      }
    },
    reset: () => {
      behaviours.clear();
      rotations.length = 0;
      peakRunning = inFlight;
    },
    stop: async () => {
      stopped ??= new Promise<void>((resolve) => {
        abort.abort();
        for (const client of clients.values()) client.destroy();
        server.close(() => {
          resolve();
        });
        server.closeAllConnections();
      });
      return stopped;
    },
  };
}

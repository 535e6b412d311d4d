import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, beforeEach } from 'vitest';
import { startAwsProxy, type AwsProxy, type AwsProxyOptions } from './aws-proxy.js';
import { isLeakHunt } from './leak-hunt.js';
import { startOidcTokenServer, type OidcTokenServer } from './oidc-server.js';
import { cleanupStepTempDirs } from './runner.js';

/** Options of {@link useStepServices}. */
export interface StepServicesOptions {
  /** Where the proxy forwards to, read when the file's tests start (moto, or a simulator in front of it). */
  readonly target: () => string;
  /** Start of every test's name prefix, e.g. `e2e-put-`; 8 random hex digits and `/` follow. */
  readonly prefixStart: string;
  /** Proxy options besides the target (the leak-hunt pass's error echo is set here). */
  readonly proxy?: Omit<AwsProxyOptions, 'target' | 'echoRequestInErrors'>;
}

/** What a step stands on in an end-to-end test file; fields are set once the file's tests start. */
export interface StepServices {
  /** A counting proxy in front of the target; counts, interceptor and latency are reset before each test. */
  readonly proxy: AwsProxy;
  /** The GitHub OIDC token endpoint; its request log is cleared before each test. */
  readonly oidc: OidcTokenServer;
  /** A fresh name prefix per test, so tests never see each other's secrets. */
  readonly prefix: string;
  /** The env every step needs: the token endpoint's variables and `AWS_ENDPOINT_URL` pointing at the proxy. */
  stepEnv(): Record<string, string>;
}

/**
 * Registers the hooks that give one test file a counting proxy and a token
 * endpoint (started before its tests, reset before each, stopped after all,
 * with the steps' temporary folders removed). In the leak-hunt pass the proxy
 * makes every AWS error quote the request it answers.
 */
export function useStepServices(options: StepServicesOptions): StepServices {
  const services = { prefix: '' } as { -readonly [K in keyof StepServices]: StepServices[K] };
  beforeAll(async () => {
    [services.proxy, services.oidc] = await Promise.all([
      startAwsProxy({ ...options.proxy, target: options.target(), echoRequestInErrors: isLeakHunt() }),
      startOidcTokenServer(),
    ]);
  });
  beforeEach(() => {
    services.prefix = `${options.prefixStart}${randomBytes(4).toString('hex')}/`;
    services.proxy.resetCounts();
    services.proxy.setInterceptor(undefined);
    services.proxy.setLatency(options.proxy?.latencyMs ?? 0);
    services.oidc.requests.length = 0;
  });
  afterAll(async () => {
    await Promise.all([services.proxy.stop(), services.oidc.stop()]);
    await cleanupStepTempDirs();
  });
  services.stepEnv = () => ({ ...services.oidc.env(), AWS_ENDPOINT_URL: services.proxy.endpoint });
  return services;
}

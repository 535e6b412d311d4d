import { startMoto, type MotoServer } from '@aws-secrets-actions/testkit';
import type { PolicyDocument } from './readme-policies.js';

/*
 * How moto 5.2 enforces IAM (observed on a moto server here):
 * - `POST /moto-api/reset-auth` with a number N as body: the next N AWS requests pass unchecked,
 *   every later one is signature- and policy-checked; `inf` turns checking off again. The count
 *   and the switch are global to the server, so these suites start their own moto and run
 *   their tests one after another.
 * - Accepted credentials: the access keys of an IAM user (here created before checking starts),
 *   judged by the user's inline and attached policies; and temporary
 *   credentials from AssumeRole/AssumeRoleWithWebIdentity of a role that exists in moto's IAM,
 *   judged by the role's inline and attached policies. Anything else (the SDK's dummy
 *   `testing` keys included) is refused with a 403 `InvalidClientTokenId`.
 * - `AssumeRoleWithWebIdentity` is sent unsigned (by the JS SDK and botocore alike), and a
 *   checked request without an `Authorization` header makes moto fail with an HTML 500. So the
 *   web-identity exchange must be one of the N unchecked requests: the suites switch checking on
 *   with N = 1 right before a step, whose first AWS request is that exchange.
 * - The Resource element is not ignored: Secrets Manager and SSM requests are checked against
 *   the resource `"*"`, so only statements whose Resource matches the string `*` allow anything
 *   (see `forMoto`). Conditions and resource policies are not evaluated.
 * - A denial is HTTP 403, content type text/html, with the XML body
 *   `<ErrorResponse><Errors><Error><Code>AccessDenied</Code><Message>User: arn:aws:sts::123456789012:assumed-role/ROLE/SESSION is not authorized to perform: ssm:GetParameters</Message><Type>Sender</Type></Error></Errors></ErrorResponse>`,
 *   even for JSON-protocol services: the JS SDK cannot parse it and throws a `SyntaxError`
 *   carrying status 403.
 */

/** Static credentials of an IAM user. */
export interface AccessKey {
  accessKeyId: string;
  secretAccessKey: string;
}

/** Temporary credentials moto issued. */
export interface SessionCredentials extends AccessKey {
  sessionToken: string;
}

/** A moto server of its own, with IAM enforcement under the test's control. */
export interface IamMoto {
  readonly server: MotoServer;
  /** An IAM user allowed everything: for seeding, inspecting and the rotation simulator while checks are on. */
  readonly admin: AccessKey;
  /** Creates a role in account 123456789012 and returns its ARN. */
  createRole(name: string): Promise<string>;
  /** Replaces the role's only inline policy. Call with checks off. */
  setRolePolicy(roleName: string, policy: PolicyDocument): Promise<void>;
  /** Lets exactly the next AWS request through unchecked, then checks every request. */
  enforceAfterOneRequest(): Promise<void>;
  /** Stops checking. */
  relax(): Promise<void>;
  /** The secret half of temporary credentials moto issued, by access key id. */
  sessionCredentials(accessKeyId: string): Promise<SessionCredentials | undefined>;
  stop(): Promise<void>;
}

const ACCOUNT = '123456789012';
const INLINE_POLICY_NAME = 'policy-under-test';

/** Starts moto and creates the admin user. */
export async function startIamMoto(): Promise<IamMoto> {
  const server = await startMoto();
  const endpoint = server.endpoint;

  // IAM speaks the query protocol; with checks off moto reads the service from the credential
  // scope and never verifies the signature, so no IAM client is needed.
  const iam = async (params: Record<string, string>): Promise<string> => {
    const response = await fetch(`${endpoint}/`, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        authorization: 'AWS4-HMAC-SHA256 Credential=testing/20260101/us-east-1/iam/aws4_request, SignedHeaders=host, Signature=unchecked',
      },
      body: new URLSearchParams({ Version: '2010-05-08', ...params }),
    });
    const text = await response.text();
    if (!response.ok) throw new Error(`IAM ${params.Action ?? ''} answered ${response.status}: ${text}`);
    return text;
  };
  const resetAuth = async (count: string): Promise<void> => {
    const response = await fetch(`${endpoint}/moto-api/reset-auth`, { method: 'POST', body: count });
    await response.arrayBuffer();
    if (!response.ok) throw new Error(`POST /moto-api/reset-auth ${count} answered ${response.status}`);
  };

  await iam({ Action: 'CreateUser', UserName: 'iam-suite-admin' });
  await iam({
    Action: 'PutUserPolicy',
    UserName: 'iam-suite-admin',
    PolicyName: 'everything',
    PolicyDocument: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] }),
  });
  const created = await iam({ Action: 'CreateAccessKey', UserName: 'iam-suite-admin' });
  const admin = {
    accessKeyId: /<AccessKeyId>([^<]+)<\/AccessKeyId>/.exec(created)?.[1] ?? '',
    secretAccessKey: /<SecretAccessKey>([^<]+)<\/SecretAccessKey>/.exec(created)?.[1] ?? '',
  };
  if (admin.accessKeyId === '' || admin.secretAccessKey === '') throw new Error(`CreateAccessKey returned no key: ${created}`);

  return {
    server,
    admin,
    createRole: async (name) => {
      // moto never evaluates the trust policy of a web-identity role (REFERENCE.md), so a minimal one does.
      const trust = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Federated: `arn:aws:iam::${ACCOUNT}:oidc-provider/token.actions.githubusercontent.com` }, Action: 'sts:AssumeRoleWithWebIdentity' }] };
      await iam({ Action: 'CreateRole', RoleName: name, AssumeRolePolicyDocument: JSON.stringify(trust) });
      return `arn:aws:iam::${ACCOUNT}:role/${name}`;
    },
    setRolePolicy: async (roleName, policy) => {
      await iam({ Action: 'PutRolePolicy', RoleName: roleName, PolicyName: INLINE_POLICY_NAME, PolicyDocument: JSON.stringify(policy) });
    },
    enforceAfterOneRequest: () => resetAuth('1'),
    relax: () => resetAuth('inf'),
    sessionCredentials: async (accessKeyId) => {
      // moto's model dump lists every AssumedRole with its keys.
      const response = await fetch(`${endpoint}/moto-api/data.json`);
      const data = (await response.json()) as { sts?: { AssumedRole?: { access_key_id?: string; secret_access_key?: string; session_token?: string }[] } };
      const role = data.sts?.AssumedRole?.find((candidate) => candidate.access_key_id === accessKeyId);
      if (role?.secret_access_key === undefined || role.session_token === undefined) return undefined;
      return { accessKeyId, secretAccessKey: role.secret_access_key, sessionToken: role.session_token };
    },
    stop: () => server.stop(),
  };
}

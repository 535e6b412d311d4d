import { awsErrorCode, isAccessDenied } from './errors.js';
import { quote } from './log-safe.js';
import type { OidcClaims } from './oidc-claims.js';

const GITHUB_ISSUER_HOST = 'token.actions.githubusercontent.com';

/** The step has no OIDC token to offer: the workflow lacks the permission, or this is a fork. */
export const MISSING_OIDC_MESSAGE =
  "'role-to-assume' is set but this job has no GitHub OIDC token (ACTIONS_ID_TOKEN_REQUEST_URL and ACTIONS_ID_TOKEN_REQUEST_TOKEN are not set). " +
  'Add `permissions: id-token: write` to the workflow or job. Pull requests from forks never get a token: run secrets-dependent jobs on pull_request_target with care, or skip them for forks.';

/** Known causes of a failed AssumeRoleWithWebIdentity. */
export function webIdentityHints(error: unknown, context: { roleArn: string; audience: string; claims: OidcClaims }): string[] {
  const code = awsErrorCode(error);
  const subject = context.claims.sub ?? 'unknown';
  if (isAccessDenied(error)) {
    return [
      `The role's trust policy must allow sts:AssumeRoleWithWebIdentity for the federated principal arn:aws:iam::ACCOUNT:oidc-provider/${GITHUB_ISSUER_HOST}.`,
      `Its condition on ${GITHUB_ISSUER_HOST}:sub must match this job's subject ${quote(subject)}. ` +
        'Jobs with an environment send repo:OWNER/REPO:environment:NAME, pull requests repo:OWNER/REPO:pull_request, and repositories created after mid-2026 use repo:OWNER@ID/REPO@ID:….',
      `Its condition on ${GITHUB_ISSUER_HOST}:aud must match this job's audience ${quote(context.claims.aud ?? context.audience)} (the 'audience' input).`,
      `The role ${quote(context.roleArn)} must exist in that account.`,
    ];
  }
  if (code === 'InvalidIdentityTokenException' || code === 'InvalidIdentityToken') {
    return [
      `The account of ${quote(context.roleArn)} needs an IAM OIDC identity provider for https://${GITHUB_ISSUER_HOST} whose audiences include ${quote(context.audience)}.`,
    ];
  }
  if (code === 'ExpiredTokenException') {
    return ['The GitHub token expired before STS saw it; the runner clock may be wrong.'];
  }
  if (code === 'ValidationError') {
    return ["'role-duration-seconds' may exceed the role's maximum session duration (1 hour unless raised on the role)."];
  }
  return [];
}

/** Known causes of a failed AssumeRole hop of `role-chain`. */
export function assumeRoleHints(error: unknown, context: { roleArn: string; previous: string }): string[] {
  if (isAccessDenied(error)) {
    return [
      `The trust policy of ${quote(context.roleArn)} must name ${quote(context.previous)} as a principal allowed sts:AssumeRole.`,
      `${quote(context.previous)} needs sts:AssumeRole on ${quote(context.roleArn)} in its permissions.`,
      "If that trust policy requires sts:ExternalId, 'role-external-id' must match it.",
    ];
  }
  if (awsErrorCode(error) === 'ValidationError') {
    return ['Role chaining limits a session to one hour: a role-chain hop cannot last longer than 3600 seconds.'];
  }
  return [];
}

/** Known causes of a failed Secrets Manager or Parameter Store read for one reference. */
export function secretFetchHints(error: unknown, context: { operation: string; region: string }): string[] {
  const code = awsErrorCode(error);
  if (isAccessDenied(error)) {
    if (context.operation === 'ListSecrets') {
      return ['Prefix references need secretsmanager:ListSecrets, which IAM grants on Resource "*" only.'];
    }
    if (context.operation === 'GetParameters' || context.operation === 'GetParametersByPath') {
      return [
        `The role needs ssm:${context.operation} on this ${context.operation === 'GetParameters' ? 'parameter' : 'path'}.`,
        'A SecureString encrypted with a customer-managed KMS key also needs kms:Decrypt on that key.',
      ];
    }
    return [
      'The role needs secretsmanager:GetSecretValue on this secret (a resource policy on the secret can also deny it).',
      'A secret encrypted with a customer-managed KMS key also needs kms:Decrypt on that key.',
    ];
  }
  if (code === 'ResourceNotFoundException') {
    return [`The secret is looked up in region ${quote(context.region)}: give its ARN or set 'aws-region' if it lives elsewhere.`];
  }
  if (code === 'DecryptionFailure') {
    return ['Secrets Manager could not decrypt the secret: the role needs kms:Decrypt on the KMS key the secret uses.'];
  }
  return [];
}

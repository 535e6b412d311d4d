import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from '@aws-secrets-actions/testkit';

/** One statement of an IAM policy document, as the README writes it. */
export interface PolicyStatement {
  Sid?: string;
  Effect: 'Allow' | 'Deny';
  Action: string | string[];
  Resource: string | string[];
}

/** An IAM policy document. */
export interface PolicyDocument {
  Version: string;
  Statement: PolicyStatement[];
}

/** The README's permission policies, each behind a `<!-- policy: NAME -->` marker. */
export const README_POLICY_NAMES = ['get-secrets', 'put-secret', 'rotate-secret'] as const;
/** One of {@link README_POLICY_NAMES}. */
export type ReadmePolicyName = (typeof README_POLICY_NAMES)[number];

/**
 * The permission policy the README documents for an action: the ```json block right after the
 * line `<!-- policy: NAME -->`. Throws when the marker, the block or valid JSON is missing, so
 * the docs cannot drift away from what the IAM suites prove.
 */
export function readmePolicy(name: ReadmePolicyName, readme = readFileSync(join(repoRoot(), 'README.md'), 'utf8')): PolicyDocument {
  const marker = `<!-- policy: ${name} -->`;
  const markers = readme.split(marker).length - 1;
  if (markers !== 1) throw new Error(`README.md must hold exactly one '${marker}' line, found ${markers}`);
  const after = readme.slice(readme.indexOf(marker) + marker.length);
  const block = /^\s*```json\n([\s\S]*?)\n```/.exec(after);
  if (block === null) throw new Error(`README.md: '${marker}' is not followed by a \`\`\`json block`);
  let parsed: unknown;
  try {
    parsed = JSON.parse(block[1]!);
  } catch (error) {
    throw new Error(`README.md: the policy after '${marker}' is not valid JSON: ${String(error)}`, { cause: error });
  }
  const statements = (parsed as { Statement?: unknown }).Statement;
  if (!Array.isArray(statements) || statements.length === 0) throw new Error(`README.md: the policy after '${marker}' has no Statement list`);
  return parsed as PolicyDocument;
}

/** Every action a policy allows, in order of appearance. */
export function policyActions(policy: PolicyDocument): string[] {
  return policy.Statement.flatMap((statement) => (Array.isArray(statement.Action) ? statement.Action : [statement.Action]));
}

/**
 * The policy without one action (statements left with no action are dropped). Throws when the
 * policy does not allow that action: a test removing it would prove nothing.
 */
export function withoutAction(policy: PolicyDocument, action: string): PolicyDocument {
  if (!policyActions(policy).includes(action)) throw new Error(`The policy does not allow ${action}: ${policyActions(policy).join(', ')}`);
  const Statement = policy.Statement.flatMap((statement) => {
    const actions = (Array.isArray(statement.Action) ? statement.Action : [statement.Action]).filter((candidate) => candidate !== action);
    return actions.length === 0 ? [] : [{ ...statement, Action: actions }];
  });
  return { ...policy, Statement };
}

/** A policy allowing exactly `actions`. */
export function allowOnly(actions: readonly string[]): PolicyDocument {
  return { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: [...actions], Resource: '*' }] };
}

/**
 * The policy as moto can evaluate it: every `Resource` widened to `"*"`.
 *
 * moto 5.2 does not ignore resources: Secrets Manager and SSM requests are checked against the
 * resource `"*"`, and a statement's Resource pattern must match that string, so a statement
 * naming an ARN (as the README's do) never allows anything there. Widening keeps what the suites
 * prove, which actions the README lists, and drops what moto cannot check.
 */
export function forMoto(policy: PolicyDocument): PolicyDocument {
  return { ...policy, Statement: policy.Statement.map((statement) => ({ ...statement, Resource: '*' })) };
}

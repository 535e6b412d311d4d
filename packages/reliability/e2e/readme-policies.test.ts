import { describe, expect, it } from 'vitest';
import { allowOnly, forMoto, policyActions, readmePolicy, withoutAction, type PolicyDocument } from './readme-policies.js';

const POLICY_BLOCK = '<!-- policy: get-secrets -->\n```json\n{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"a:B","Resource":"*"}]}\n```\n';

describe('the README policies the IAM suites attach', () => {
  // The suites prove these lists; a change to the README shows up here first.
  it.each([
    {
      name: 'get-secrets' as const,
      actions: ['secretsmanager:GetSecretValue', 'secretsmanager:BatchGetSecretValue', 'secretsmanager:ListSecrets', 'ssm:GetParameters', 'ssm:GetParametersByPath'],
    },
    {
      name: 'put-secret' as const,
      actions: [
        'secretsmanager:PutSecretValue',
        'secretsmanager:GetSecretValue',
        'secretsmanager:UpdateSecretVersionStage',
        'secretsmanager:CreateSecret',
        'secretsmanager:TagResource',
        'ssm:GetParameter',
        'ssm:PutParameter',
        'ssm:AddTagsToResource',
      ],
    },
    {
      name: 'rotate-secret' as const,
      actions: [
        'secretsmanager:DescribeSecret',
        'secretsmanager:RotateSecret',
        'secretsmanager:ListSecretVersionIds',
        'secretsmanager:UpdateSecretVersionStage',
        'lambda:InvokeFunction',
      ],
    },
  ])('$name allows exactly the actions under proof', ({ name, actions }) => {
    expect(policyActions(readmePolicy(name))).toEqual(actions);
  });

  it.each([
    { name: 'no marker', readme: '```json\n{}\n```\n', error: "README.md must hold exactly one '<!-- policy: get-secrets -->' line, found 0" },
    { name: 'two markers', readme: POLICY_BLOCK + POLICY_BLOCK, error: "README.md must hold exactly one '<!-- policy: get-secrets -->' line, found 2" },
    { name: 'no block after the marker', readme: '<!-- policy: get-secrets -->\nSome prose.\n```json\n{}\n```\n', error: "README.md: '<!-- policy: get-secrets -->' is not followed by a ```json block" },
    { name: 'invalid JSON', readme: '<!-- policy: get-secrets -->\n```json\n{"Statement": [}\n```\n', error: "README.md: the policy after '<!-- policy: get-secrets -->' is not valid JSON" },
    { name: 'no statements', readme: '<!-- policy: get-secrets -->\n```json\n{"Version":"2012-10-17"}\n```\n', error: "README.md: the policy after '<!-- policy: get-secrets -->' has no Statement list" },
  ])('fails loudly on $name', ({ readme, error }) => {
    expect(() => readmePolicy('get-secrets', readme)).toThrow(error);
  });

  it('reads the block right after its marker', () => {
    expect(readmePolicy('get-secrets', `Intro\n\n${POLICY_BLOCK}`)).toEqual({
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Action: 'a:B', Resource: '*' }],
    });
  });

  const policy: PolicyDocument = {
    Version: '2012-10-17',
    Statement: [
      { Sid: 'One', Effect: 'Allow', Action: 'a:One', Resource: 'arn:aws:a:::x/*' },
      { Effect: 'Allow', Action: ['a:Two', 'a:Three'], Resource: ['arn:aws:a:::y'] },
    ],
  };

  it('removes one action, dropping a statement left empty', () => {
    expect(withoutAction(policy, 'a:One').Statement).toEqual([{ Effect: 'Allow', Action: ['a:Two', 'a:Three'], Resource: ['arn:aws:a:::y'] }]);
    expect(withoutAction(policy, 'a:Two').Statement).toEqual([
      { Sid: 'One', Effect: 'Allow', Action: ['a:One'], Resource: 'arn:aws:a:::x/*' },
      { Effect: 'Allow', Action: ['a:Three'], Resource: ['arn:aws:a:::y'] },
    ]);
  });

  it('refuses to remove an action the policy does not allow', () => {
    expect(() => withoutAction(policy, 'a:Four')).toThrow('The policy does not allow a:Four: a:One, a:Two, a:Three');
  });

  it('widens every Resource to * for moto and keeps the actions', () => {
    expect(forMoto(policy).Statement.map((statement) => [statement.Action, statement.Resource])).toEqual([
      ['a:One', '*'],
      [['a:Two', 'a:Three'], '*'],
    ]);
    expect(allowOnly(['a:One'])).toEqual({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: ['a:One'], Resource: '*' }] });
  });
});

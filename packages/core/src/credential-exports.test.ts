import { describe, expect, it } from 'vitest';
import { credentialVariables } from './credential-exports.js';

describe('credentialVariables', () => {
  it('names the variables the SDKs read and marks the credentials secret', () => {
    expect(credentialVariables({ accessKeyId: 'AKID', secretAccessKey: 'SECRET', sessionToken: 'TOKEN' }, 'eu-west-1')).toEqual([
      { name: 'AWS_ACCESS_KEY_ID', value: 'AKID', secret: true },
      { name: 'AWS_SECRET_ACCESS_KEY', value: 'SECRET', secret: true },
      { name: 'AWS_SESSION_TOKEN', value: 'TOKEN', secret: true },
      { name: 'AWS_REGION', value: 'eu-west-1', secret: false },
      { name: 'AWS_DEFAULT_REGION', value: 'eu-west-1', secret: false },
    ]);
  });

  it('leaves out the session token and region when there are none', () => {
    expect(credentialVariables({ accessKeyId: 'AKID', secretAccessKey: 'SECRET' }, undefined).map((variable) => variable.name)).toEqual([
      'AWS_ACCESS_KEY_ID',
      'AWS_SECRET_ACCESS_KEY',
    ]);
  });
});

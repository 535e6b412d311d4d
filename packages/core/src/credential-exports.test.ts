import { describe, expect, it } from 'vitest';
import { credentialVariables, exportCredentials } from './credential-exports.js';

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

describe('exportCredentials', () => {
  it('masks every credential before exporting any variable', () => {
    const calls: string[] = [];
    exportCredentials({ accessKeyId: 'AKID', secretAccessKey: 'SECRET', sessionToken: 'TOKEN' }, 'eu-west-1', {
      setSecret: (value) => calls.push(`mask ${value}`),
      exportVariable: (name, value) => calls.push(`export ${name}=${value}`),
    });
    expect(calls).toEqual([
      'mask AKID',
      'mask SECRET',
      'mask TOKEN',
      'export AWS_ACCESS_KEY_ID=AKID',
      'export AWS_SECRET_ACCESS_KEY=SECRET',
      'export AWS_SESSION_TOKEN=TOKEN',
      'export AWS_REGION=eu-west-1',
      'export AWS_DEFAULT_REGION=eu-west-1',
    ]);
  });
});

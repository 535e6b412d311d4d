/**
 * `npm run demo`: runs the get-secrets bundle as the GitHub runner would, against moto and a
 * local OIDC token endpoint, and shows what a workflow log would show. Never prints a value.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { findLeaks } from './leak-check.js';
import { startMoto } from './moto.js';
import type { MotoServer } from './moto.js';
import { startOidcTokenServer } from './oidc-server.js';
import type { OidcTokenServer } from './oidc-server.js';
import { actionDir } from './paths.js';
import { runAction, runPostStep } from './runner.js';
import type { RunActionOptions } from './runner.js';
import { createSecrets } from './seed.js';
import { applyMasks } from './workflow-commands.js';

const DEMO_SECRETS = [
  { name: 'demo/plain', value: 'correct-horse-battery-staple-4e1f' },
  {
    name: 'demo/db',
    value: JSON.stringify({ host: 'db.internal.example', port: 5432, credentials: { username: 'app_user', password: 'pa55-demo-7Qz!' } }),
  },
  { name: 'demo/tls-key', value: '-----BEGIN DEMO KEY-----\nMIIBVQIBADANBgkqhkiG9w0BAQEFAASC\nAT8wggE7AgEAAkEAq7BFUpkGp3+LQmlQ\n-----END DEMO KEY-----' },
  { name: 'demo/app/api-key', value: 'ak_live_9f8e7d6c5b4a3210' },
  { name: 'demo/app/webhook-token', value: 'whk_0a1b2c3d4e5f6a7b' },
];

const SECRET_IDS = ['demo/plain', 'DATABASE,demo/db', 'TLS_KEY,demo/tls-key', 'demo/app/*'].join('\n');

function heading(text: string): void {
  console.log(`\n\u001b[1m== ${text} ==\u001b[0m`);
}

/** Every string a reader must never see: the values, their JSON leaves, their lines. */
function sensitiveStrings(): string[] {
  const strings: string[] = [];
  const walk = (value: unknown): void => {
    if (typeof value === 'string') strings.push(value);
    else if (typeof value === 'number') strings.push(String(value));
    else if (typeof value === 'object' && value !== null) Object.values(value).forEach(walk);
  };
  for (const { value } of DEMO_SECRETS) {
    strings.push(value);
    try {
      walk(JSON.parse(value));
    } catch {
      // Not JSON: the value itself is enough.
    }
  }
  // Short, non-distinctive leaves (a port number) would make the leak check cry wolf.
  return strings.filter((value) => value.length >= 6);
}

async function main(): Promise<number> {
  // DEMO_ACTION_DIR lets the demo be tried against another build of the action.
  const dir = process.env.DEMO_ACTION_DIR ?? actionDir('get-secrets');
  if (!existsSync(join(dir, 'action.yml'))) {
    console.error(`No action at ${dir}: build it first (npm run build -w @aws-secrets-actions/get-secrets).`);
    return 1;
  }
  let moto: MotoServer | undefined;
  let oidc: OidcTokenServer | undefined;
  try {
    heading('Starting moto and a local GitHub OIDC token endpoint');
    [moto, oidc] = await Promise.all([startMoto(), startOidcTokenServer()]);
    console.log(`moto at ${moto.endpoint}, OIDC token endpoint at ${oidc.requestUrl}`);
    const arns = await createSecrets(moto.endpoint, DEMO_SECRETS);
    console.log(`seeded ${Object.keys(arns).length} secrets: ${Object.keys(arns).join(', ')}`);

    const options: RunActionOptions = {
      actionDir: dir,
      inputs: {
        'secret-ids': SECRET_IDS,
        'parse-json-secrets': 'true',
        'role-to-assume': 'arn:aws:iam::123456789012:role/demo',
        'aws-region': 'us-east-1',
      },
      env: { AWS_ENDPOINT_URL: moto.endpoint, ...oidc.env() },
    };

    heading('get-secrets (main step): the job log as the runner shows it');
    console.log(`secret-ids:\n${SECRET_IDS.replace(/^/gm, '  ')}`);
    const result = await runAction(options);
    process.stdout.write(result.log);
    if (result.exitCode !== 0 && result.stderr !== '') {
      // The runner prints stderr into the log too, masked; shown here only when it explains a failure.
      console.log(`--- stderr (masked) ---\n${applyMasks(result.stderr, result.masks)}`);
    }
    console.log(`exit code ${String(result.exitCode)} after ${result.durationMs} ms`);
    heading('Variables exported to GITHUB_ENV (names only)');
    for (const name of Object.keys(result.env)) console.log(`  ${name}`);
    console.log(`${Object.keys(result.env).length} variable(s), ${result.masks.length} mask string(s) registered`);

    heading('A later step runs `env`: what its log shows');
    const laterStepOutput = Object.entries(result.env)
      .map(([name, value]) => `${name}=${value}`)
      .join('\n');
    console.log(applyMasks(laterStepOutput, result.masks));

    heading('get-secrets (post step): clean-up');
    const post = await runPostStep(options, result);
    process.stdout.write(post.log);
    let blanked = 0;
    for (const name of Object.keys(result.env)) {
      const ok = post.env[name] === '';
      if (ok) blanked++;
      console.log(`  ${ok ? 'blanked ' : 'NOT BLANKED'} ${name}`);
    }
    console.log(`post step exit code ${String(post.exitCode)}; ${blanked}/${Object.keys(result.env).length} variable(s) blanked`);

    heading('Leak check');
    const secrets = [...sensitiveStrings(), ...oidc.tokensIssued];
    const leaks = [...findLeaks(result, secrets), ...findLeaks(post, secrets).map((leak) => `post step: ${leak}`)];
    console.log(leaks.length === 0 ? 'no secret value or OIDC token found in stdout, stderr, summary, state or outputs' : leaks.join('\n'));

    const failed = result.exitCode !== 0 || post.exitCode !== 0 || leaks.length > 0 || blanked !== Object.keys(result.env).length;
    heading(failed ? 'FAILED' : 'OK');
    return failed ? 1 : 0;
  } finally {
    await Promise.all([moto?.stop(), oidc?.stop()]);
  }
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  },
);

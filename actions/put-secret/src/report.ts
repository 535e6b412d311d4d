import * as core from '@actions/core';
import { describeTarget, describeWrite, type PutTarget, type WriteResult } from '@aws-secrets-actions/core';

/** Outputs, one log line and a short step summary: names, ids and ARNs, never the value. */
export async function report(target: PutTarget, region: string, result: WriteResult): Promise<void> {
  core.setOutput('version-id', result.versionId);
  core.setOutput('arn', result.arn);
  core.setOutput('changed', String(result.changed));
  core.info(describeWrite(describeTarget(target), region, result));

  const what = target.kind === 'secret' ? `Secrets Manager secret \`${target.secretId}\`` : `Parameter Store parameter \`${target.name}\``;
  const outcome = !result.changed ? 'unchanged' : result.created ? 'created' : 'new version';
  try {
    await core.summary
      .addHeading('put-secret', 3)
      .addTable([
        [
          { data: 'Target', header: true },
          { data: 'Region', header: true },
          { data: 'Version', header: true },
          { data: 'Changed', header: true },
        ],
        [what, region, `\`${result.versionId}\``, `${String(result.changed)} (${outcome})`],
      ])
      .write();
  } catch (error) {
    // The value is written; a summary that cannot be written (no GITHUB_STEP_SUMMARY) must not fail the step.
    core.warning(`put-secret: could not write the step summary: ${error instanceof Error ? error.message : String(error)}`);
  }
}

import * as core from '@actions/core';
import { formatRotationSummary, rotationOutputs, type SecretRotationResult } from '@aws-secrets-actions/core';

/** Outputs and the job summary: names and version ids, never a value. Written on failure too. */
export async function report(results: readonly SecretRotationResult[]): Promise<void> {
  const outputs = rotationOutputs(results);
  core.setOutput('version-ids', outputs.versionIds);
  core.setOutput('rotated', outputs.rotated);
  try {
    await core.summary.addRaw(formatRotationSummary('rotate-secret', results)).write();
  } catch (error) {
    // The rotations have happened; a summary that cannot be written must not hide their outcome.
    core.warning(`rotate-secret: could not write the step summary: ${error instanceof Error ? error.message : String(error)}`);
  }
}

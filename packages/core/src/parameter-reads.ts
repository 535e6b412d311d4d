import { GetParametersByPathCommand, GetParametersCommand, type Parameter, type SSMClient } from '@aws-sdk/client-ssm';
import { callFailure, type Limit, type ReadOutcome, type SourceValue } from './fetch-types.js';
import { quote } from './log-safe.js';

/** GetParameters takes at most 10 names per call. */
export const PARAMETERS_PER_CALL = 10;

/**
 * Reads parameters in one region with `GetParameters`, 10 names per call,
 * all calls in parallel (bounded by `limit`), SecureStrings decrypted. Each
 * requested name may carry SSM's own `:VERSION` or `:LABEL` selector; names
 * SSM reports in `InvalidParameters` fail as missing, alone.
 *
 * A call never holds one parameter twice (say `/db:1` and `/db:stable`): the
 * response is then matched by name alone, which works whether or not the
 * service echoes the selector back (AWS does, the emulator does not).
 */
export async function readParameters(
  client: SSMClient,
  region: string,
  requested: readonly string[],
  limit: Limit,
): Promise<Map<string, ReadOutcome>> {
  const outcomes = new Map<string, ReadOutcome>();
  await Promise.all(
    chunkDistinctNames(requested).map(async (names) => {
      let response;
      try {
        response = await limit(() => client.send(new GetParametersCommand({ Names: [...names], WithDecryption: true })));
      } catch (error) {
        for (const name of names) outcomes.set(name, { failure: callFailure('GetParameters', `parameter ${quote(name)}`, region, error) });
        return;
      }
      for (const name of names) {
        const base = withoutSelector(name);
        const parameter = response.Parameters?.find((candidate) => candidate.Name === base || candidate.ARN === base);
        if (parameter !== undefined) {
          outcomes.set(name, { values: [toSource(parameter, parameter.Name ?? base, name.slice(base.length + 1))] });
        } else {
          const invalid = response.InvalidParameters?.includes(name) === true;
          outcomes.set(name, {
            failure: {
              reason: invalid ? `no parameter ${quote(name)} in ${region}` : `GetParameters returned nothing for ${quote(name)} in ${region}`,
              hints: [`The parameter is looked up in region ${quote(region)}: give its ARN (ssm:arn:…) or set 'aws-region' if it lives elsewhere.`],
              missing: true,
            },
          });
        }
      }
    }),
  );
  return outcomes;
}

/**
 * The name (or ARN) without a trailing `:VERSION` / `:LABEL` selector.
 * Parameter names never hold `:`; in an ARN the last `:` before the name is
 * followed by `parameter/…`, which holds a `/` a selector cannot have.
 *
 * @example
 * withoutSelector('/app/db:3')                                   // '/app/db'
 * withoutSelector('arn:aws:ssm:us-east-1:123456789012:parameter/db') // unchanged
 */
export function withoutSelector(request: string): string {
  const colon = request.lastIndexOf(':');
  return colon >= 0 && /^[A-Za-z0-9_.-]+$/.test(request.slice(colon + 1)) ? request.slice(0, colon) : request;
}

/** Chunks of at most 10 requests in which no parameter appears twice. */
function chunkDistinctNames(requested: readonly string[]): string[][] {
  const chunks: Array<{ names: string[]; bases: Set<string> }> = [];
  for (const name of requested) {
    const base = withoutSelector(name);
    let target = chunks.find((candidate) => candidate.names.length < PARAMETERS_PER_CALL && !candidate.bases.has(base));
    if (target === undefined) {
      target = { names: [], bases: new Set() };
      chunks.push(target);
    }
    target.names.push(name);
    target.bases.add(base);
  }
  return chunks.map((candidate) => candidate.names);
}

/**
 * Reads every parameter below `path` (which ends with `/`), recursively, with
 * `GetParametersByPath`, paging until there is no NextToken. Each value is
 * named from its name below the path. No parameter at all fails as missing.
 */
export async function readParameterPath(client: SSMClient, region: string, path: string, limit: Limit): Promise<ReadOutcome> {
  const values: SourceValue[] = [];
  // SSM wants the path without its trailing slash, except for the root.
  const apiPath = path === '/' ? '/' : path.slice(0, -1);
  let nextToken: string | undefined;
  do {
    const token = nextToken;
    let page;
    try {
      page = await limit(() =>
        client.send(
          new GetParametersByPathCommand({ Path: apiPath, Recursive: true, WithDecryption: true, MaxResults: 10, ...(token === undefined ? {} : { NextToken: token }) }),
        ),
      );
    } catch (error) {
      return { failure: callFailure('GetParametersByPath', `path ${quote(path)}`, region, error) };
    }
    for (const parameter of page.Parameters ?? []) {
      const name = parameter.Name ?? '';
      if (name.startsWith(path)) values.push(toSource(parameter, name.slice(path.length), ''));
    }
    nextToken = page.NextToken;
  } while (nextToken !== undefined && nextToken !== '');
  if (values.length === 0) {
    return { failure: { reason: `no parameter below ${quote(path)} in ${region}`, hints: [], missing: true } };
  }
  return { values };
}

/** A parameter as a source value; `selector` is what was asked for after `:` (a version or label), if anything. */
function toSource(parameter: Parameter, nameBase: string, selector: string): SourceValue {
  const name = parameter.Name ?? nameBase;
  const label = selector !== '' && !/^\d+$/.test(selector) ? ` (${selector})` : '';
  return {
    sourceName: `ssm:${name}`,
    nameBase,
    arn: parameter.ARN,
    version: `${parameter.Version ?? 'unknown'}${label}`,
    createdDate: parameter.LastModifiedDate,
    // StringList values stay one string, commas and all.
    value: parameter.Value ?? '',
  };
}

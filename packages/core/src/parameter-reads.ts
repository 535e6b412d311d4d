import { GetParametersByPathCommand, GetParametersCommand, type Parameter, type SSMClient } from '@aws-sdk/client-ssm';
import { callFailure, chunk, type Limit, type ReadOutcome, type SourceValue } from './fetch-types.js';
import { quote } from './log-safe.js';

/** GetParameters takes at most 10 names per call. */
export const PARAMETERS_PER_CALL = 10;

/**
 * Reads parameters in one region with `GetParameters`, 10 names per call,
 * all calls in parallel (bounded by `limit`), SecureStrings decrypted. Each
 * requested name may carry SSM's own `:VERSION` or `:LABEL` selector; names
 * SSM reports in `InvalidParameters` fail as missing, alone.
 */
export async function readParameters(
  client: SSMClient,
  region: string,
  requested: readonly string[],
  limit: Limit,
): Promise<Map<string, ReadOutcome>> {
  const outcomes = new Map<string, ReadOutcome>();
  await Promise.all(
    chunk(requested, PARAMETERS_PER_CALL).map(async (names) => {
      let response;
      try {
        response = await limit(() => client.send(new GetParametersCommand({ Names: [...names], WithDecryption: true })));
      } catch (error) {
        for (const name of names) outcomes.set(name, { failure: callFailure('GetParameters', `parameter ${quote(name)}`, region, error) });
        return;
      }
      for (const name of names) {
        const parameter = response.Parameters?.find((candidate) => answers(candidate, name));
        if (parameter !== undefined) {
          outcomes.set(name, { values: [toSource(parameter, parameter.Name ?? name)] });
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

/** Whether a returned parameter answers a requested `name[:selector]` or `arn[:selector]`. */
function answers(parameter: Parameter, requested: string): boolean {
  const selector = parameter.Selector ?? '';
  return `${parameter.Name ?? ''}${selector}` === requested || `${parameter.ARN ?? ''}${selector}` === requested;
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
      if (name.startsWith(path)) values.push(toSource(parameter, name.slice(path.length)));
    }
    nextToken = page.NextToken;
  } while (nextToken !== undefined && nextToken !== '');
  if (values.length === 0) {
    return { failure: { reason: `no parameter below ${quote(path)} in ${region}`, hints: [], missing: true } };
  }
  return { values };
}

function toSource(parameter: Parameter, nameBase: string): SourceValue {
  const name = parameter.Name ?? nameBase;
  return {
    sourceName: `ssm:${name}`,
    nameBase,
    arn: parameter.ARN,
    version: `${parameter.Version ?? 'unknown'}${parameter.Selector !== undefined && !/^:\d+$/.test(parameter.Selector) ? ` (${parameter.Selector.slice(1)})` : ''}`,
    createdDate: parameter.LastModifiedDate,
    // StringList values stay one string, commas and all.
    value: parameter.Value ?? '',
  };
}

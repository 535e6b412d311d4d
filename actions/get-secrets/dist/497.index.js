export const id = 497;
export const ids = [497];
export const modules = {

/***/ 4497:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  PARAMETERS_PER_CALL: () => (/* reexport */ PARAMETERS_PER_CALL),
  parameterStoreReader: () => (/* binding */ parameterStoreReader),
  readParameterPath: () => (/* reexport */ readParameterPath),
  readParameters: () => (/* reexport */ readParameters),
  ssmClients: () => (/* reexport */ ssmClients),
  withoutSelector: () => (/* reexport */ withoutSelector)
});

// EXTERNAL MODULE: ../../node_modules/@aws-sdk/client-ssm/dist-cjs/index.js
var dist_cjs = __webpack_require__(4028);
// EXTERNAL MODULE: ../../packages/core/dist/fetch-types.js
var fetch_types = __webpack_require__(5538);
// EXTERNAL MODULE: ../../packages/core/dist/log-safe.js
var log_safe = __webpack_require__(212);
;// CONCATENATED MODULE: ../../packages/core/dist/parameter-reads.js



/** GetParameters takes at most 10 names per call. */
const PARAMETERS_PER_CALL = 10;
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
async function readParameters(client, region, requested, limit) {
    const outcomes = new Map();
    await Promise.all(chunkDistinctNames(requested).map(async (names) => {
        let response;
        try {
            response = await limit(() => client.send(new dist_cjs/* GetParametersCommand */.AFe({ Names: [...names], WithDecryption: true })));
        }
        catch (error) {
            for (const name of names)
                outcomes.set(name, { failure: (0,fetch_types/* callFailure */.z)('GetParameters', `parameter ${(0,log_safe/* quote */.h)(name)}`, region, error) });
            return;
        }
        for (const name of names) {
            const base = withoutSelector(name);
            const parameter = response.Parameters?.find((candidate) => candidate.Name === base || candidate.ARN === base);
            if (parameter !== undefined) {
                outcomes.set(name, { values: [toSource(parameter, parameter.Name ?? base, name.slice(base.length + 1))] });
            }
            else {
                const invalid = response.InvalidParameters?.includes(name) === true;
                outcomes.set(name, {
                    failure: {
                        reason: invalid ? `no parameter ${(0,log_safe/* quote */.h)(name)} in ${region}` : `GetParameters returned nothing for ${(0,log_safe/* quote */.h)(name)} in ${region}`,
                        hints: [`The parameter is looked up in region ${(0,log_safe/* quote */.h)(region)}: give its ARN (ssm:arn:…) or set 'aws-region' if it lives elsewhere.`],
                        missing: true,
                    },
                });
            }
        }
    }));
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
function withoutSelector(request) {
    const colon = request.lastIndexOf(':');
    return colon >= 0 && /^[A-Za-z0-9_.-]+$/.test(request.slice(colon + 1)) ? request.slice(0, colon) : request;
}
/** Chunks of at most 10 requests in which no parameter appears twice. */
function chunkDistinctNames(requested) {
    const chunks = [];
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
async function readParameterPath(client, region, path, limit) {
    const values = [];
    // SSM wants the path without its trailing slash, except for the root.
    const apiPath = path === '/' ? '/' : path.slice(0, -1);
    let nextToken;
    do {
        const token = nextToken;
        let page;
        try {
            page = await limit(() => client.send(new dist_cjs/* GetParametersByPathCommand */.o_y({ Path: apiPath, Recursive: true, WithDecryption: true, MaxResults: 10, ...(token === undefined ? {} : { NextToken: token }) })));
        }
        catch (error) {
            return { failure: (0,fetch_types/* callFailure */.z)('GetParametersByPath', `path ${(0,log_safe/* quote */.h)(path)}`, region, error) };
        }
        for (const parameter of page.Parameters ?? []) {
            const name = parameter.Name ?? '';
            if (name.startsWith(path))
                values.push(toSource(parameter, name.slice(path.length), ''));
        }
        nextToken = page.NextToken;
    } while (nextToken !== undefined && nextToken !== '');
    if (values.length === 0) {
        return { failure: { reason: `no parameter below ${(0,log_safe/* quote */.h)(path)} in ${region}`, hints: [], missing: true } };
    }
    return { values };
}
/** A parameter as a source value; `selector` is what was asked for after `:` (a version or label), if anything. */
function toSource(parameter, nameBase, selector) {
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

// EXTERNAL MODULE: ../../packages/core/dist/aws-clients.js
var aws_clients = __webpack_require__(7634);
;// CONCATENATED MODULE: ../../packages/core/dist/ssm-clients.js


/**
 * One Systems Manager (Parameter Store) client per region, created on first
 * use. Kept apart from `aws-clients.ts` so a run without parameters never
 * loads the SSM SDK.
 */
function ssmClients(settings) {
    return (0,aws_clients/* perRegion */.kD)((region) => new dist_cjs/* SSMClient */.jBj((0,aws_clients/* clientConfig */.yO)(region, settings, { envSuffix: 'SSM', hostPrefix: 'ssm' })));
}

;// CONCATENATED MODULE: ../../packages/core/dist/parameter-store.js




/** A `ParameterStoreReader` over one SSM client per region, for `fetchSecrets`. */
function parameterStoreReader(settings) {
    const clientFor = ssmClients(settings);
    return {
        readParameters: (region, names, limit) => readParameters(clientFor(region), region, names, limit),
        readParameterPath: (region, path, limit) => readParameterPath(clientFor(region), region, path, limit),
    };
}


/***/ })

};

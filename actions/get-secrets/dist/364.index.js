export const id = 364;
export const ids = [364];
export const modules = {

/***/ 7364:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  PARAMETERS_PER_CALL: () => (/* reexport */ PARAMETERS_PER_CALL),
  parameterStoreReader: () => (/* binding */ parameterStoreReader),
  putParameter: () => (/* reexport */ putParameter),
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

// EXTERNAL MODULE: ../../packages/core/dist/aws-clients.js + 1 modules
var aws_clients = __webpack_require__(107);
// EXTERNAL MODULE: ../../packages/core/dist/throttling-retry.js
var throttling_retry = __webpack_require__(8960);
;// CONCATENATED MODULE: ../../packages/core/dist/ssm-clients.js



/**
 * One Systems Manager (Parameter Store) client per region, created on first
 * use. Kept apart from `aws-clients.ts` so a run without parameters never
 * loads the SSM SDK. Throttled calls get extra attempts (Parameter Store's
 * standard throughput is 40 gets per second for the whole account).
 */
function ssmClients(settings) {
    return (0,aws_clients/* perRegion */.kD)((region) => new dist_cjs/* SSMClient */.jBj({ ...(0,aws_clients/* clientConfig */.yO)(region, settings, { envSuffix: 'SSM', hostPrefix: 'ssm' }), retryStrategy: new throttling_retry/* ThrottlingTolerantRetryStrategy */.c2() }));
}

// EXTERNAL MODULE: ../../packages/core/dist/errors.js
var errors = __webpack_require__(8247);
;// CONCATENATED MODULE: ../../packages/core/dist/put-parameter-once.js


/** Sends of one PutParameter at most; the SDK's backoff runs between them. */
const PUT_PARAMETER_SENDS = 3;
/** Thrown on the SDK's second attempt of a guarded PutParameter, instead of sending it: the first may have written. */
class PutOutcomeUnknown extends Error {
    name = 'PutOutcomeUnknown';
}
/**
 * A PutParameter the SDK cannot resend on its own. The SDK retries a call
 * whose answer was lost (a reset connection, a timeout, a 5xx, a cut-short
 * 200), but PutParameter takes no idempotency token: a resent write that had
 * already landed adds a second version. The guard sits inside the SDK's retry
 * loop (after its backoff) and stops the second attempt, keeping the first
 * attempt's error as the cause.
 */
function guardedPut(input) {
    const command = new dist_cjs/* PutParameterCommand */.ihh(input);
    let attempts = 0;
    let firstError;
    command.middlewareStack.add((next) => async (args) => {
        attempts++;
        if (attempts > 1)
            throw new PutOutcomeUnknown('PutParameter was not resent: the first attempt may have written', { cause: firstError });
        try {
            return await next(args);
        }
        catch (error) {
            firstError = error;
            throw error;
        }
    }, 
    // Low priority in finalizeRequest: inside the retry middleware (high), so it sees each attempt.
    { step: 'finalizeRequest', priority: 'low', name: 'putParameterAtMostOnce' });
    return command;
}
/**
 * Writes a parameter version at most once for one intent. When an attempt's
 * outcome is unknown, the parameter is read back (decrypted): if it now holds
 * `input.Value` in a version above `versionBefore` (0 for a missing
 * parameter), that write is the result; otherwise the write is sent again, up
 * to {@link PUT_PARAMETER_SENDS} sends. A definite failure (denied, invalid)
 * is thrown as the SDK threw it; after the last send, the last attempt's
 * error is thrown.
 */
async function putParameterOnce(client, input, versionBefore) {
    let lastError;
    for (let send = 1; send <= PUT_PARAMETER_SENDS; send++) {
        try {
            const output = await client.send(guardedPut(input));
            return { Version: output.Version };
        }
        catch (error) {
            if (!(error instanceof PutOutcomeUnknown))
                throw error;
            lastError = error.cause;
        }
        const { Parameter: now } = await client.send(new dist_cjs/* GetParameterCommand */.lhy({ Name: input.Name, WithDecryption: true })).catch((error) => {
            if ((0,errors/* awsErrorCode */.J6)(error) === 'ParameterNotFound')
                return { Parameter: undefined };
            throw error;
        });
        if (now !== undefined && now.Value === input.Value && (now.Version ?? 0) > versionBefore)
            return { Version: now.Version };
    }
    throw lastError;
}

;// CONCATENATED MODULE: ../../packages/core/dist/parameter-options.js
/** Parameter Store's value types. */
const PARAMETER_TYPES = (/* unused pure expression or super */ null && (['SecureString', 'String', 'StringList']));
/** Parameter Store's storage tiers. */
const PARAMETER_TIERS = (/* unused pure expression or super */ null && (['Standard', 'Advanced', 'Intelligent-Tiering']));
/** The type a new parameter gets when `parameter-type` is not given. */
const DEFAULT_PARAMETER_TYPE = 'SecureString';

;// CONCATENATED MODULE: ../../packages/core/dist/write-hints.js


const CREATE_HINT = (region) => `It does not exist in region ${(0,log_safe/* quote */.h)(region)}: set 'create-if-missing: true' to create it, or, if it lives in another region, set 'aws-region'.`;
/** Known causes of a failed Secrets Manager write, in the order a user should check them. */
function secretWriteHints(error, context) {
    const code = awsErrorCode(error);
    if (isAccessDenied(error)) {
        switch (context.operation) {
            case 'GetSecretValue':
                return [
                    'The role needs secretsmanager:GetSecretValue on the secret: put-secret reads the current value to compare it (skip-unchanged) and to merge into it (merge-json). A plain write with skip-unchanged: false does not read.',
                    'A secret encrypted with a customer-managed KMS key also needs kms:Decrypt on that key.',
                ];
            case 'CreateSecret':
                return [
                    `The role needs secretsmanager:CreateSecret${context.withTags === true ? ' and secretsmanager:TagResource (for the tags)' : ''}; IAM grants it on the name pattern of the new secret.`,
                    "With 'kms-key-id', it also needs kms:GenerateDataKey and kms:Decrypt on that key.",
                ];
            case 'UpdateSecretVersionStage':
                return ['merge-json makes its new version current with secretsmanager:UpdateSecretVersionStage: the role needs it on the secret.'];
            default:
                return [
                    `The role needs secretsmanager:${context.operation} on the secret (a resource policy on the secret can also deny it).`,
                    'A secret encrypted with a customer-managed KMS key also needs kms:GenerateDataKey and kms:Decrypt on that key.',
                ];
        }
    }
    switch (code) {
        case 'ResourceNotFoundException':
            return context.createIfMissing ? [] : [CREATE_HINT(context.region)];
        case 'EncryptionFailure':
            return ["Secrets Manager could not encrypt with the secret's KMS key: the role needs kms:GenerateDataKey on it, and the key must be enabled."];
        case 'DecryptionFailure':
            return ["Secrets Manager could not decrypt the current value: the role needs kms:Decrypt on the secret's KMS key."];
        case 'LimitExceededException':
            return ['Secrets Manager keeps about 100 versions and advises writing a secret at most once every 10 minutes: keep skip-unchanged on.'];
        case 'ResourceExistsException':
            return ["This client-request-token was already used for another value of this secret: give a new token, or leave 'client-request-token' out to derive one."];
        default:
            return [];
    }
}
/** Known causes of a failed Parameter Store read or write. */
function parameterWriteHints(error, context) {
    const code = (0,errors/* awsErrorCode */.J6)(error);
    if ((0,errors/* isAccessDenied */.w7)(error)) {
        if (context.operation === 'GetParameter') {
            return [
                'The role needs ssm:GetParameter on the parameter: put-secret reads it first, to see whether it exists, to compare values (skip-unchanged) and for its ARN.',
                'With skip-unchanged, a SecureString is read decrypted: that needs kms:Decrypt on its KMS key.',
            ];
        }
        return [
            `The role needs ssm:PutParameter on the parameter${context.withTags === true ? ', and ssm:AddTagsToResource for the tags' : ''}.`,
            'A SecureString with a customer-managed KMS key also needs kms:Encrypt (Standard tier) or kms:GenerateDataKey (Advanced tier) on that key.',
        ];
    }
    switch (code) {
        case 'ParameterNotFound':
            return context.createIfMissing ? [] : [CREATE_HINT(context.region)];
        case 'ParameterAlreadyExists':
            return ['Another writer created the parameter at the same moment: run the step again.'];
        case 'ParameterMaxVersionLimitExceeded':
            return ['Parameter Store keeps 100 versions of a parameter and will not drop one that has a label: remove old labels, keep skip-unchanged on.'];
        case 'InvalidKeyId':
            return ["'kms-key-id' must name a KMS key (id, ARN or alias/NAME) in this region that the role can use."];
        case 'ParameterLimitExceeded':
            return ['The account has as many Standard-tier parameters as it may (10 000 per region): use the Advanced tier or delete unused parameters.'];
        default:
            return [];
    }
}

;// CONCATENATED MODULE: ../../packages/core/dist/put-parameter.js






/**
 * Writes a parameter. It is read first (GetParameter, decrypted only with
 * `skipUnchanged`): to know whether it exists, to compare values, to keep
 * its type and for its ARN. A missing parameter is created when `create`
 * is given (and read back for its ARN), else it fails with a hint. An
 * existing one is overwritten only when its value differs (or
 * `skipUnchanged` is off) and `overwrite` allows it.
 */
async function putParameter(request, client) {
    const subject = `parameter ${(0,log_safe/* quote */.h)(request.name)} in ${request.region}`;
    const hintContext = { region: request.region, createIfMissing: request.create !== undefined, withTags: (request.create?.tags.length ?? 0) > 0 };
    const call = async (operation, send) => {
        try {
            return await send();
        }
        catch (error) {
            throw new errors/* AwsCallError */.iQ(operation, `${operation} for ${subject} failed: ${(0,errors/* describeAwsError */.Pp)(error)}`, {
                cause: error,
                hints: parameterWriteHints(error, { ...hintContext, operation }),
            });
        }
    };
    const read = async (withDecryption) => {
        try {
            const response = await call('GetParameter', () => client.send(new dist_cjs/* GetParameterCommand */.lhy({ Name: request.name, WithDecryption: withDecryption })));
            return response.Parameter;
        }
        catch (error) {
            if (request.create !== undefined && error instanceof errors/* AwsCallError */.iQ && (0,errors/* awsErrorCode */.J6)(error.cause) === 'ParameterNotFound')
                return undefined;
            throw error;
        }
    };
    const common = {
        Name: request.name,
        Value: request.value,
        ...(request.tier === undefined ? {} : { Tier: request.tier }),
        ...(request.kmsKeyId === undefined ? {} : { KeyId: request.kmsKeyId }),
    };
    const current = await read(request.skipUnchanged);
    if (current === undefined) {
        const create = request.create ?? { description: undefined, tags: [] };
        const put = await call('PutParameter', () => putParameterOnce(client, {
            ...common,
            Type: request.type ?? DEFAULT_PARAMETER_TYPE,
            Overwrite: false,
            ...(create.description === undefined ? {} : { Description: create.description }),
            ...(create.tags.length === 0 ? {} : { Tags: create.tags.map((tag) => ({ Key: tag.key, Value: tag.value })) }),
        }, 0));
        // PutParameter does not return the ARN.
        const createdParameter = await read(false);
        return { versionId: String(put.Version ?? createdParameter?.Version ?? ''), arn: createdParameter?.ARN ?? '', changed: true, created: true };
    }
    const arn = current.ARN ?? '';
    if (request.skipUnchanged && current.Value === request.value) {
        return { versionId: String(current.Version ?? ''), arn, changed: false, created: false };
    }
    if (!request.overwrite) {
        throw new errors/* ConfigurationError */.j1(`Parameter ${(0,log_safe/* quote */.h)(request.name)} in ${request.region} exists (version ${current.Version ?? '?'})${request.skipUnchanged ? ' with another value' : ''}, and 'overwrite' is false: nothing was written.`);
    }
    const put = await call('PutParameter', () => putParameterOnce(client, { ...common, Type: request.type ?? current.Type ?? DEFAULT_PARAMETER_TYPE, Overwrite: true }, current.Version ?? 0));
    return { versionId: String(put.Version ?? ''), arn, changed: true, created: false };
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

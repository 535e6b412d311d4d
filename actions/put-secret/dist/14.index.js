export const id = 14;
export const ids = [14];
export const modules = {

/***/ 7014:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  putParameter: () => (/* reexport */ putParameter),
  ssmClients: () => (/* reexport */ ssm_clients_ssmClients)
});

// UNUSED EXPORTS: PARAMETERS_PER_CALL, parameterStoreReader, readParameterPath, readParameters, withoutSelector

// EXTERNAL MODULE: ../../node_modules/@aws-sdk/client-ssm/dist-cjs/index.js
var dist_cjs = __webpack_require__(4028);
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
function ssm_clients_ssmClients(settings) {
    return (0,aws_clients/* perRegion */.kD)((region) => new dist_cjs/* SSMClient */.jBj({ ...(0,aws_clients/* clientConfig */.yO)(region, settings, { envSuffix: 'SSM', hostPrefix: 'ssm' }), retryStrategy: new throttling_retry/* ThrottlingTolerantRetryStrategy */.c2() }));
}

// EXTERNAL MODULE: ../../packages/core/dist/errors.js
var errors = __webpack_require__(8247);
// EXTERNAL MODULE: ../../packages/core/dist/log-safe.js
var log_safe = __webpack_require__(212);
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

// EXTERNAL MODULE: ../../packages/core/dist/parameter-options.js
var parameter_options = __webpack_require__(7830);
// EXTERNAL MODULE: ../../packages/core/dist/write-hints.js
var write_hints = __webpack_require__(9422);
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
                hints: (0,write_hints/* parameterWriteHints */.R)(error, { ...hintContext, operation }),
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
            Type: request.type ?? parameter_options/* DEFAULT_PARAMETER_TYPE */.Rp,
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
    const put = await call('PutParameter', () => putParameterOnce(client, { ...common, Type: request.type ?? current.Type ?? parameter_options/* DEFAULT_PARAMETER_TYPE */.Rp, Overwrite: true }, current.Version ?? 0));
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

export const id = 872;
export const ids = [872];
export const modules = {

/***/ 4872:
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
        const put = await call('PutParameter', () => client.send(new dist_cjs/* PutParameterCommand */.ihh({
            ...common,
            Type: request.type ?? parameter_options/* DEFAULT_PARAMETER_TYPE */.Rp,
            Overwrite: false,
            ...(create.description === undefined ? {} : { Description: create.description }),
            ...(create.tags.length === 0 ? {} : { Tags: create.tags.map((tag) => ({ Key: tag.key, Value: tag.value })) }),
        })));
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
    const put = await call('PutParameter', () => client.send(new dist_cjs/* PutParameterCommand */.ihh({ ...common, Type: request.type ?? current.Type ?? parameter_options/* DEFAULT_PARAMETER_TYPE */.Rp, Overwrite: true })));
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

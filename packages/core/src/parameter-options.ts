/** Parameter Store's value types. */
export const PARAMETER_TYPES = ['SecureString', 'String', 'StringList'] as const;
/** One of {@link PARAMETER_TYPES}. */
export type ParameterType = (typeof PARAMETER_TYPES)[number];

/** Parameter Store's storage tiers. */
export const PARAMETER_TIERS = ['Standard', 'Advanced', 'Intelligent-Tiering'] as const;
/** One of {@link PARAMETER_TIERS}. */
export type ParameterTier = (typeof PARAMETER_TIERS)[number];

/** The type a new parameter gets when `parameter-type` is not given. */
export const DEFAULT_PARAMETER_TYPE: ParameterType = 'SecureString';

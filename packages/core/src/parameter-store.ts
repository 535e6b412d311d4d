// Entry point `@aws-secrets-actions/core/parameter-store`: everything that loads
// the SSM SDK, apart from the main entry so runs without parameters never load it.
export * from './ssm-clients.js';

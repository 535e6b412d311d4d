// One moto server for every test file of the run; see the testkit.
export { setupSharedMoto as default } from '@aws-secrets-actions/testkit';

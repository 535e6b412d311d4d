import type {} from 'vitest';
import type { TestProject } from 'vitest/node';
import { startMoto } from './moto.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The endpoint of the moto server shared by every test file of a run. */
    motoEndpoint: string;
  }
}

/**
 * A vitest global setup: starts one moto server (installing it into .venv
 * when missing) for every test file of the run, and provides its endpoint as
 * `inject('motoEndpoint')`. Each action's `e2e/global-setup.ts` re-exports it.
 */
export async function setupSharedMoto(project: TestProject): Promise<() => Promise<void>> {
  const moto = await startMoto();
  project.provide('motoEndpoint', moto.endpoint);
  return () => moto.stop();
}

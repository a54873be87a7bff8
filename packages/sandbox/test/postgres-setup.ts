// Vitest global setup of the `postgres` project: one throwaway cluster for the run (each test's
// sandbox gets a database of its own on it, see helpers.ts), stopped and removed at the end.
import type { TestProject } from 'vitest/node';
import { startCluster } from './postgres-cluster.js';

declare module 'vitest' {
  export interface ProvidedContext {
    postgresUrl: string;
  }
}

export default async function setup(project: TestProject): Promise<() => void> {
  const cluster = await startCluster();
  project.provide('postgresUrl', cluster.url);
  return () => cluster.stop();
}

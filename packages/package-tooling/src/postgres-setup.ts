// Vitest global setup of a package's `postgres` project: one throwaway cluster for the run, its URL
// provided as `postgresUrl` (each test's sandbox gets a database of its own on it with
// createDatabase), stopped and removed at the end.
import type { TestProject } from 'vitest/node';
import { startCluster } from './postgres-cluster.js';

export default async function setup(project: TestProject): Promise<() => void> {
  const cluster = await startCluster();
  project.provide('postgresUrl', cluster.url);
  return () => cluster.stop();
}

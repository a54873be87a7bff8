// The `postgres` project's global setup: a throwaway PostgreSQL cluster for the run (shared tooling).
export { default } from '@billing-api/package-tooling/postgres-setup';

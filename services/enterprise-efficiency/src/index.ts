// Public surface of the service for end-to-end tests and tooling (not for other services).
export { AppModule } from './app.module';
export { EnterpriseEfficiencyConfig } from './config';
// The KPI formulas and their version, for the benchmark's set-up (it writes what the service stores with a statement).
export { computeKpis, KPI_METHODOLOGY } from './kpis/kpis';
// The database's migrations, for the migration tests.
export { MIGRATIONS as ENTERPRISE_EFFICIENCY_MIGRATIONS } from './migrations';

// Public surface of the service for end-to-end tests and tooling (not for other services).
export { AppModule } from './app.module';
export { DiasporaConfig } from './config';
// The service logic itself, for the gateway benchmark (same logic served without the bus) and e2e checks.
export { OrganizationsService } from './organizations/organizations.service';
export { OrganizationsRepository } from './organizations/organizations.repository';
export { nameKey, normalizeText, searchPrefixes } from './organizations/normalize';
export { MIGRATIONS as DIASPORA_MIGRATIONS } from './migrations';

// Public surface of the gateway for end-to-end tests and tooling (not for other services).
export { GatewayConfig } from './config';
export { createGateway, startGateway, RunningGateway } from './gateway';
export { buildOpenApi } from './platform/openapi';
export { GATEWAY_CONFIG } from './platform/bus.module';
export { OBJECT_RULES, securityMatrix, MatrixRow } from './auth/security-matrix';
export { MIGRATIONS as GATEWAY_MIGRATIONS } from './migrations';

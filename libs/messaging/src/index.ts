export * from './microservice';
export * from './rpc-exception.filter';
export * from './rpc-context.interceptor';
export * from './bus-client';
export * from './events';
export * from './uploads';
export * from './validation';

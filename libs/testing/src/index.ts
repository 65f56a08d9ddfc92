export * from './infra';
export * from './platform';
export * from './data';

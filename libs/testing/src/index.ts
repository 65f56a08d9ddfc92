export * from './infra';
export * from './platform';
export * from './data';
export * from './prometheus';

export * from './infra';
export * from './servers';
export * from './platform';
export * from './data';
export * from './prometheus';

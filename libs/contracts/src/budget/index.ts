export * from './budget';
export * from './analysis';
export * from './imports';
export * from './annual';
export * from './operations';

export * from './definitions';
export * from './metrics';
export * from './metrics.module';
export * from './bus';
export * from './mongo';
export * from './imports';
export * from './queues';

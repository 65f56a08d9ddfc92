export * from './mongo.module';
export * from './monitor-watchdog';
export * from './pagination';
export * from './outbox';
export * from './migrations';
export * from './by-id';

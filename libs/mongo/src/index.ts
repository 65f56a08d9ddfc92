export * from './mongo.module';
export * from './pagination';

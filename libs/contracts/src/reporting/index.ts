export * from './operations';
export * from './report';
export * from './schedule';
export * from './webhook';

export * from './operations';
export * from './report';
export * from './schedule';

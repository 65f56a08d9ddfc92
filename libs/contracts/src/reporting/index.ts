export * from './operations';
export * from './report';

export * from './enums';
export * from './consultation';
export * from './submission';
export * from './concept';

export * from './enums';
export * from './consultation';
export * from './submission';
export * from './results';
export * from './respondent-tokens';
export * from './concept';
export * from './operations';

export * from './types';
export * from './countries';
export * from './program-codes';
export * from './recovery-categories';

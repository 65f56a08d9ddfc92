export * from './types';
export * from './countries';
export * from './communities';
export * from './classifiers';
export * from './program-codes';
export * from './recovery-categories';
export { normalizeSearchText } from './search-text';

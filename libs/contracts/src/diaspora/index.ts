export * from './enums';
export * from './organization';
export * from './initiative';
export * from './link';
export * from './host-country-statistics';
export * from './operations';

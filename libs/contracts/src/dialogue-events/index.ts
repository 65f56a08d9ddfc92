export * from './enums';
export * from './event';
export * from './registration';
export * from './contribution';
export * from './outcome';
export * from './involvement';
export * from './operations';

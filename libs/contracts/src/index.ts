import 'reflect-metadata';
export * from './subjects';
export * from './errors';
export * from './pagination';
export * from './common';
export * from './diaspora';
export * from './consultations';
export * from './budget';

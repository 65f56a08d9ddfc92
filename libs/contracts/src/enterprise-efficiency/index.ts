export * from './enums';
export * from './enterprise';
export * from './statements';
export * from './kpis';
export * from './support';
export * from './procurement';
export * from './assessment';
export * from './operations';

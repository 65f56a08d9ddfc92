export const DIASPORA_CONFIG = Symbol('DIASPORA_CONFIG');

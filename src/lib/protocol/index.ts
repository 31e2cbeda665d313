export * from './api';
export * from './errors';
export * from './mutation';
export * from './pull';
export * from './push';
export * from './version';

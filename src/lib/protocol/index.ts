export * from './api';
export * from './errors';
export * from './health';
export * from './mutation';
export * from './pull';
export * from './push';
export * from './version';

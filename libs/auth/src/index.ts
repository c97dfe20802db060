export * from './tokens';
export * from './action-signing';

export * from './tokens';
export * from './claims';
export * from './action-signing';
export * from './agency-channel';
export * from './agency-onboarding';

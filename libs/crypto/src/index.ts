export * from './codec-keys';
export * from './aes-gcm';
export * from './field-cipher';
export * from './document-cipher';

// What the rest of the installation (and the end-to-end tests) call: send a message, read an identity.
export * from './identity/installation-identity';
export { createSender, deliveryWorkflowId, SendRefusedError, type Sent } from './outbound/send';
export { envelopesUrl } from './outbound/delivery.activities';
export { postPinned } from './outbound/pinned-client';
export { PartnerDirectory } from './partners/partner-directory';

export * from './kafka-client';
export * from './dead-letter';
export * from './consumer-lifetime';
export * from './kafka-acls';
export * from './agency-provisioning';
export * from './topic-follower';

/** DI tokens for the ports the API's controllers depend on. */
export const CONFIG = Symbol('ComityConfig');
export const TEMPORAL = Symbol('TemporalHandle');
export const READ_MODEL = Symbol('ReadModelStore');
export const KAFKA_ADMIN = Symbol('KafkaAdmin');

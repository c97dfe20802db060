/** DI tokens for the ports the API's controllers depend on. */
export const CONFIG = Symbol('ComityConfig');
export const TEMPORAL = Symbol('TemporalHandle');
export const PROCESS_QUERIES = Symbol('ProcessQueries');
export const STATISTICS_QUERIES = Symbol('StatisticsQueries');
export const KAFKA_ADMIN = Symbol('KafkaAdmin');
export const TOKEN_VERIFIER = Symbol('TokenVerifier');
export const METRICS = Symbol('Metrics');
export const AGENCY_REGISTRY = Symbol('AgencyRegistry');
export const DEAD_LETTER_LOG = Symbol('DeadLetterLog');
export const DOCUMENT_RECORDS = Symbol('DocumentRecords');
export const OBJECT_STORE = Symbol('ObjectStore');
export const DIRECTORY_VERSIONS = Symbol('DirectoryVersions');

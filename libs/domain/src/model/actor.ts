export const Roles = ['coordinator', 'agency', 'auditor', 'admin'] as const;
export type Role = (typeof Roles)[number];

/** Who takes an action: the authenticated caller, or an agency answering over Kafka. */
export interface Actor {
  readonly userId: string;
  readonly role: Role;
  /** Set for agency users; scopes what they see and may do. */
  readonly agencyId?: string;
}

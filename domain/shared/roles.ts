import { z } from 'zod';

// The one table of roles. Agency roles act for every tenant; client roles are bound to
// exactly one. Tokens, routes, the websocket, the command registry and the console all
// read their groups from here, so a new role or a regrouping is one edit.
export const agencyRoles = ['agency-admin', 'agency-user'] as const;
export const clientRoles = ['client-admin', 'client-viewer'] as const;
export const userRoles = [...agencyRoles, ...clientRoles] as const;
// Who may approve plan versions and launches and change a tenant's policy: the agency's
// admin and the client's own admin (DESIGN: "approver (agency staff, client admin)").
export const approverRoles = ['agency-admin', 'client-admin'] as const;
// Events also record what the platform did by itself (health reports, process managers).
export const actorRoles = [...userRoles, 'system'] as const;

export const userRoleSchema = z.enum(userRoles);
export const actorRoleSchema = z.enum(actorRoles);
export type UserRole = z.infer<typeof userRoleSchema>;
export type ActorRole = z.infer<typeof actorRoleSchema>;
export type AgencyRole = (typeof agencyRoles)[number];

const isIn = <R extends string>(roles: readonly R[], role: string): role is R => (roles as readonly string[]).includes(role);
export const isAgencyRole = (role: string): role is AgencyRole => isIn(agencyRoles, role);
export const isApproverRole = (role: string): boolean => isIn(approverRoles, role);

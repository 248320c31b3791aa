// Who may send each command. Client roles only ever act inside their own tenant (the API's
// tenant scope); this table says which of a tenant's people may do what.
import { isCommandType, type AnyCommandType } from '../domain/commands.ts';
import { agencyRoles, approverRoles, type ActorRole } from '../domain/shared/roles.ts';

const AGENCY = agencyRoles;
const APPROVERS = approverRoles;
const SAGA: readonly ActorRole[] = ['system'];
const ACCESS_ADMINS: readonly ActorRole[] = ['agency-admin', 'client-admin', 'system'];
const HEALTH_REPORTERS: readonly ActorRole[] = [...agencyRoles, 'system'];

export const commandRoles: Readonly<Record<AnyCommandType, readonly ActorRole[]>> = {
  'tenant.create': ['agency-admin'],
  'tenant.link_platform_account': AGENCY,
  'tenant.unlink_platform_account': AGENCY,
  'tenant.report_tracking_health': HEALTH_REPORTERS,
  'tenant.report_feed_health': HEALTH_REPORTERS,
  'tenant.set_approval_policy': APPROVERS,
  'tenant.set_execution_policy': APPROVERS,
  'tenant.set_guardrails': APPROVERS,
  'tenant.set_kpi_targets': [...agencyRoles, 'client-admin'],
  'tenant.set_consent_profile': APPROVERS,
  'tenant.record_launch': ['system'],
  // Credentials: whoever may change the tenant's policy may hand over or revoke its platform
  // access (the agency's admin, the client's own admin); reading one is the system's only,
  // and each read is an event (commands/credentials.ts).
  'tenant.store_platform_credentials': APPROVERS,
  'tenant.rotate_platform_credentials': APPROVERS,
  'tenant.remove_platform_credentials': APPROVERS,
  'tenant.record_credential_access': ['system'],
  // Alerts are raised by the analysis (an agent) and acknowledged by the agency's people.
  'tenant.raise_performance_alert': ['system'],
  'tenant.acknowledge_performance_alert': AGENCY,
  'tenant.issue_performance_summary': ['system'],
  'plan.create': AGENCY,
  'plan.update_draft': AGENCY,
  'plan.add_line_item': AGENCY,
  'plan.update_line_item': AGENCY,
  'plan.remove_line_item': AGENCY,
  'plan.submit_version': AGENCY,
  'plan.approve_version': APPROVERS,
  'plan.reject_version': APPROVERS,
  'launch.request': AGENCY,
  'launch.approve': APPROVERS,
  'launch.request_rollback': AGENCY,
  // A person decides what a touchpoint needs and whether a superseded version spends again.
  'launch.resolve_touchpoint': [...AGENCY, 'system'], // the saga closes those a rollback made moot
  'launch.request_resume': AGENCY,
  // The launch saga's records of what it asked the platforms and what they answered.
  'launch.request_mutation': SAGA,
  'launch.record_mutation_outcome': SAGA,
  'launch.open_touchpoint': SAGA,
  'launch.complete': SAGA,
  'launch.escalate': SAGA,
  'launch.supersede': SAGA,
  'launch.record_predecessors_superseded': SAGA,
  'launch.complete_rollback': SAGA,
  'launch.offer_resume': SAGA,
  'launch.complete_resume': SAGA,
  // Numbers come from the platforms through the sync, never typed in by a person.
  'performance.record_day': ['system'],
  'performance.start_sync': ['system'],
  'performance.finish_sync': ['system'],
  // Slots are claimed and finished by the scheduler alone; a person runs a workflow by its own command.
  'schedule.claim_slot': ['system'],
  'schedule.complete_slot': ['system'],
  'schedule.fail_slot': ['system'],
  // Access: the agency's admin for anyone, a client's admin for their own tenant's people
  // (domain/access says what each may grant); `system` is the CLI on the server's machine.
  'user.add': ACCESS_ADMINS,
  'user.issue_login_link': ACCESS_ADMINS,
  'user.disable': ACCESS_ADMINS,
  'user.enable': ACCESS_ADMINS,
  'user.change_role': ACCESS_ADMINS,
  'user.remove': ACCESS_ADMINS,
};

export const rolesFor = (type: string): readonly ActorRole[] => (isCommandType(type) ? commandRoles[type] : []);

import { BUDGET_OPS } from './budget/operations';
import { CONSULTATIONS_OPS } from './consultations/operations';
import { DIALOGUE_EVENTS_OPS } from './dialogue-events/operations';
import { DIASPORA_OPS } from './diaspora/operations';
import { ENTERPRISE_EFFICIENCY_OPS } from './enterprise-efficiency/operations';
import type { Operation } from './operation';
import type { ServiceName } from './subjects';

/**
 * The operations a service may send to another service over the bus (besides the gateway, which sends
 * them all). Each pair is a dependency the platform allows on purpose; the NATS permissions derive from
 * this list (libs/messaging/src/nats-permissions.ts), so a call that is not here is refused by nats-server.
 */
export const SERVICE_CALLS: Readonly<Partial<Record<ServiceName, readonly Operation<unknown, unknown>[]>>> = {
  // The share of a community's budget that goes to its enterprises (budget-analysis owns the budgets).
  'enterprise-efficiency': [BUDGET_OPS.summary as Operation<unknown, unknown>],
  // A diaspora organisation named as an event's organiser is checked in the registry.
  'dialogue-events': [DIASPORA_OPS.organizationGet as Operation<unknown, unknown>],
  // The report workers gather each report's figures from the services that own them (services/reporting/src/worker/sources).
  reporting: [
    BUDGET_OPS.summary,
    BUDGET_OPS.trends,
    BUDGET_OPS.incomes,
    BUDGET_OPS.recovery,
    BUDGET_OPS.anomalies,
    BUDGET_OPS.guidelines,
    CONSULTATIONS_OPS.prioritiesGet,
    DIASPORA_OPS.initiativeList,
    DIASPORA_OPS.organizationList,
    DIASPORA_OPS.hostStatsGet,
    ENTERPRISE_EFFICIENCY_OPS.communityOverview,
    ENTERPRISE_EFFICIENCY_OPS.assessment,
    DIALOGUE_EVENTS_OPS.involvement,
    DIALOGUE_EVENTS_OPS.oblastInvolvement,
    DIALOGUE_EVENTS_OPS.eventList,
    DIALOGUE_EVENTS_OPS.commitmentList,
  ] as Operation<unknown, unknown>[],
};

import { CONSULTATION_TRANSITIONS, ConsultationAction, ConsultationStatus, DomainError } from '@vidnova/contracts';

/** The state an action leads to, or a 409 naming what is allowed from the current state. */
export function nextStatus(current: ConsultationStatus, action: ConsultationAction): ConsultationStatus {
  const t = CONSULTATION_TRANSITIONS[action];
  if (t.from !== current) {
    throw new DomainError('invalid_state', `Cannot ${action} a consultation that is ${current}; it must be ${t.from}`, {
      currentStatus: current,
      action,
      requiredStatus: t.from,
    });
  }
  return t.to;
}

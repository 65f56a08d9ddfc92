// The rule is shared with dialogue-events: defined once in libs/contracts (disclosure.ts).
export { suppressedGroups } from '@vidnova/contracts';

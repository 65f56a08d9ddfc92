import { IntersectionType, OmitType, PickType } from '@nestjs/swagger';
import { ConceptFields, ConceptTransitionRequest, Katottg, ListConceptsRequest, ResultsRequest, UpdateConceptRequest } from '@vidnova/contracts';

// HTTP-only shapes of the consultation routes: the bodies and queries that differ from the bus
// payloads only by what the path carries. Everything else is the contract class itself.

/** `?by=` of the results routes (the consultation id is in the path). */
export class ResultsQuery extends PickType(ResultsRequest, ['by'] as const) {}

/** `?status=&limit=&cursor=` of the concept list. */
export class ListConceptsQuery extends OmitType(ListConceptsRequest, ['consultationId'] as const) {}

/** PATCH body of a concept: the changes and, beside them, why. */
export class ConceptPatch extends IntersectionType(ConceptFields, PickType(UpdateConceptRequest, ['reason'] as const)) {}

/** Body of a concept status change. */
export class ConceptStatusChange extends PickType(ConceptTransitionRequest, ['status', 'reason'] as const) {}

export class CommunityParams {
  @Katottg()
  katottg!: string;
}

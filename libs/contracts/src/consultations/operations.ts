import { IdRequest } from '../common';
import { listOf, op, pageOf, textReply } from '../operation';
import { ConceptRef, ConceptTransitionRequest, ConceptVersionView, ConceptView, CreateConceptRequest, ListConceptsRequest, UpdateConceptRequest } from './concept';
import { ConsultationTransitionRequest, ConsultationView, CreateConsultationRequest, ListConsultationsRequest, UpdateConsultationRequest } from './consultation';
import { IssuedRespondentTokens, IssueRespondentTokensRequest } from './respondent-tokens';
import { CommunityPrioritiesRequest, CommunityPrioritiesView, ConsultationResults, ResultsRequest } from './results';
import { CreateSubmissionRequest, ImportSubmissionsRequest, SubmissionImportReport, SubmissionImportRequest, SubmissionReceipt } from './submission';

/** Every bus operation of the consultations service: subject, request class and reply. */
export const CONSULTATIONS_OPS = {
  consultationCreate: op('consultations.consultation.create.v1', CreateConsultationRequest, ConsultationView),
  consultationGet: op('consultations.consultation.get.v1', IdRequest, ConsultationView),
  consultationList: op('consultations.consultation.list.v1', ListConsultationsRequest, pageOf(ConsultationView)),
  consultationUpdate: op('consultations.consultation.update.v1', UpdateConsultationRequest, ConsultationView),
  /** open, close, publish-results (the last records the community priority list). */
  consultationTransition: op('consultations.consultation.transition.v1', ConsultationTransitionRequest, ConsultationView),
  /** Issues one-time respondent tokens for the online channel (editor/admin); the reply is the only copy. */
  respondentTokensIssue: op('consultations.respondent-tokens.issue.v1', IssueRespondentTokensRequest, IssuedRespondentTokens),
  submissionCreate: op('consultations.submission.create.v1', CreateSubmissionRequest, SubmissionReceipt),
  /** Starts a paper-form import; answers at once with the import record (status `processing`). */
  submissionImport: op('consultations.submission.import.v1', ImportSubmissionsRequest, SubmissionImportReport),
  submissionImportGet: op('consultations.submission-import.get.v1', SubmissionImportRequest, SubmissionImportReport),
  resultsGet: op('consultations.results.get.v1', ResultsRequest, ConsultationResults),
  resultsCsv: op('consultations.results.csv.v1', ResultsRequest, textReply('text/csv')),
  prioritiesGet: op('consultations.priorities.get.v1', CommunityPrioritiesRequest, CommunityPrioritiesView),
  conceptCreate: op('consultations.concept.create.v1', CreateConceptRequest, ConceptView),
  conceptGet: op('consultations.concept.get.v1', ConceptRef, ConceptView),
  conceptList: op('consultations.concept.list.v1', ListConceptsRequest, pageOf(ConceptView)),
  conceptUpdate: op('consultations.concept.update.v1', UpdateConceptRequest, ConceptView),
  conceptTransition: op('consultations.concept.transition.v1', ConceptTransitionRequest, ConceptView),
  conceptVersions: op('consultations.concept.versions.v1', ConceptRef, listOf(ConceptVersionView)),
} as const;

import { ReportType } from '@vidnova/contracts';
import { alignmentSource } from './alignment.source';
import { budgetExecutionSource } from './budget-execution.source';
import { budgetSource } from './budget.source';
import { diasporaInitiativesSource } from './diaspora-initiatives.source';
import { diasporaLandscapeSource } from './diaspora-landscape.source';
import { dialogueSource } from './dialogue.source';
import { enterprisesSource } from './enterprises.source';
import { prioritiesSource } from './priorities.source';
import { ReportSource } from './source';

/**
 * Every source, in the order they are asked and shown. Derived sections (alignment) come after the
 * sections they read. Adding a source: one file in this folder and one line here.
 */
export const SOURCES: readonly ReportSource[] = [
  prioritiesSource,
  budgetSource,
  budgetExecutionSource,
  alignmentSource,
  enterprisesSource,
  dialogueSource,
  diasporaInitiativesSource,
  diasporaLandscapeSource,
] as ReportSource[];

export const sourcesFor = (type: ReportType): ReportSource[] => SOURCES.filter((s) => s.types.includes(type));

export * from './source';
export * from './gaps';

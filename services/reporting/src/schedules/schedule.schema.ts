import { ReportLang, ReportType, SchedulePeriod } from '@vidnova/contracts';
import { Schema, Types } from 'mongoose';

export const SCHEDULE_MODEL = 'ReportSchedule';

export interface ScheduleDoc {
  _id: Types.ObjectId;
  type: ReportType;
  community?: string;
  /** KATOTTG code of an oblast (civil-society-involvement about an oblast). */
  oblast?: string;
  budgetCode?: string;
  country?: string;
  cron: string;
  timezone: string;
  periodicity: SchedulePeriod;
  lang: ReportLang;
  owner?: string;
  createdBy?: string;
  createdAt: Date;
  updatedAt: Date;
}

export const ScheduleSchema = new Schema<ScheduleDoc>(
  {
    type: { type: String, required: true },
    community: String,
    oblast: String,
    budgetCode: String,
    country: String,
    cron: { type: String, required: true },
    timezone: { type: String, required: true },
    periodicity: { type: String, required: true },
    lang: { type: String, required: true },
    owner: String,
    createdBy: String,
  },
  { timestamps: true, collection: 'report_schedules' },
);

import { Schema, Types } from 'mongoose';
import type { ConsultationAudience, ConsultationChannel, ConsultationStatus, QuestionView } from '@vidnova/contracts';

export const CONSULTATION_MODEL = 'Consultation';

export interface PriorityListDoc {
  publishedAt: Date;
  publishedBy?: string;
  respondents: number;
  categories: Array<{ category: string; rank: number; score: number }>;
}

export interface ConsultationDoc {
  _id: Types.ObjectId;
  communityCode: string | null;
  title: { uk?: string; en?: string };
  description: { uk?: string; en?: string };
  topic?: string;
  audience: ConsultationAudience;
  channels: ConsultationChannel[];
  status: ConsultationStatus;
  questions: QuestionView[];
  statusHistory: Array<{ status: ConsultationStatus; at: Date; by?: string }>;
  /**
   * The community priority list recorded when results are published. Kept in the consultation
   * document so the status change and the list are one atomic write.
   */
  priorities?: PriorityListDoc;
  createdBy?: string;
  /** The organisation of the key that created it (absent for keys without one and for older records). */
  owner?: string;
  version: number;
  createdAt: Date;
  updatedAt: Date;
}

const Localized = new Schema({ uk: String, en: String }, { _id: false });
const OptionSchema = new Schema({ id: String, label: Localized, category: String }, { _id: false });
const QuestionSchema = new Schema(
  {
    id: { type: String, required: true },
    type: { type: String, required: true },
    prompt: Localized,
    required: { type: Boolean, default: false },
    options: { type: [OptionSchema], default: [] },
    maxChoices: Number,
    min: Number,
    max: Number,
    topN: Number,
    maxLength: Number,
  },
  { _id: false },
);

export const ConsultationSchema = new Schema<ConsultationDoc>(
  {
    communityCode: { type: String, default: null },
    title: { type: Localized, required: true },
    description: { type: Localized, default: {} },
    topic: String,
    audience: { type: String, required: true },
    channels: { type: [String], default: [] },
    status: { type: String, required: true, default: 'draft' },
    questions: { type: [QuestionSchema], default: [] },
    statusHistory: { type: [new Schema({ status: String, at: Date, by: String }, { _id: false })], default: [] },
    priorities: {
      type: new Schema(
        {
          publishedAt: Date,
          publishedBy: String,
          respondents: Number,
          categories: [new Schema({ category: String, rank: Number, score: Number }, { _id: false })],
        },
        { _id: false },
      ),
      required: false,
    },
    createdBy: String,
    owner: String,
    version: { type: Number, default: 1 },
  },
  { collection: 'consultations', timestamps: true, versionKey: false },
);

ConsultationSchema.index({ communityCode: 1, status: 1 });
ConsultationSchema.index({ communityCode: 1, 'priorities.publishedAt': -1 });

import {
  AGE_BANDS,
  Answer,
  CONSULTATION_CHANNELS,
  ConsultationChannel,
  DomainError,
  GENDERS,
  PROFILE_FIELDS,
  ProfileField,
  QuestionView,
  RESPONDENT_STATUSES,
  RespondentProfile,
} from '@vidnova/contracts';

/**
 * Paper and meeting forms as CSV, one row per form. Columns:
 * - `respondentToken` (the form number or code; required), optional `channel` (default `paper`);
 * - profile: `ageBand`, `gender`, `status`, `settlement` (or `profile.<field>`);
 * - `<questionId>`: the option id (single_choice), the number (scale), the text (text), option ids
 *   separated by `;` (multiple_choice) or best first (ranking);
 * - `<questionId>.<optionId>`: a mark (`1`, `x`, `+`, `yes`, `так`) for a multiple_choice option, or the
 *   rank (1 = first) of a ranking option.
 * Columns starting with `#` or `_` are notes and ignored; any other unknown column refuses the file.
 */
export interface ColumnPlan {
  /** The header as read, in column order. */
  header: string[];
  questions: Map<string, QuestionView>;
  whole: Map<string, QuestionView>;
  perOption: Array<{ column: string; question: QuestionView; optionId: string }>;
  profile: Array<{ column: string; field: ProfileField }>;
  token: string;
  channel?: string;
}

const MARKS = new Set(['1', 'x', 'х', '+', 'yes', 'y', 'так', 'true', 'v', '✓']);
const UNMARKED = new Set(['', '0', 'no', 'n', 'ні', 'false', '-']);

export function planColumns(headers: string[], questions: QuestionView[]): ColumnPlan {
  const byId = new Map(questions.map((q) => [q.id, q]));
  const plan: ColumnPlan = { header: headers, questions: byId, whole: new Map(), perOption: [], profile: [], token: '' };
  const unknown: string[] = [];
  for (const raw of headers) {
    const h = raw.trim();
    if (!h || h.startsWith('#') || h.startsWith('_')) continue;
    if (h === 'respondentToken') plan.token = raw;
    else if (h === 'channel') plan.channel = raw;
    else if ((PROFILE_FIELDS as readonly string[]).includes(h.replace(/^profile\./, ''))) plan.profile.push({ column: raw, field: h.replace(/^profile\./, '') as ProfileField });
    else if (byId.has(h)) plan.whole.set(raw, byId.get(h)!);
    else {
      const dot = h.indexOf('.');
      const q = dot > 0 ? byId.get(h.slice(0, dot)) : undefined;
      const optionId = h.slice(dot + 1);
      if (q && (q.type === 'multiple_choice' || q.type === 'ranking') && q.options.some((o) => o.id === optionId)) {
        plan.perOption.push({ column: raw, question: q, optionId });
      } else unknown.push(h);
    }
  }
  const problems = unknown.map((c) => ({ field: c, message: `unknown column ${c}: not a question id, questionId.optionId or profile field` }));
  if (!plan.token) problems.push({ field: 'respondentToken', message: 'the respondentToken column is required' });
  if (problems.length) throw new DomainError('unprocessable', `The CSV header is not usable: ${problems[0].message}`, { columns: headers }, problems);
  return plan;
}

/** A record's fields by column name, as readRow takes them. */
export function rowOf(plan: ColumnPlan, fields: string[]): Record<string, string | undefined> {
  const row: Record<string, string | undefined> = {};
  plan.header.forEach((column, i) => {
    row[column] = fields[i];
  });
  return row;
}

export type RowOutcome =
  | { ok: true; token: string; channel: ConsultationChannel; profile: RespondentProfile; answers: Answer[] }
  | { ok: false; reason: string; questionId?: string };

export function readRow(row: Record<string, string | undefined>, plan: ColumnPlan): RowOutcome {
  const cell = (c: string) => (row[c] ?? '').trim();
  const token = cell(plan.token);
  if (!token) return { ok: false, reason: 'respondentToken is empty' };
  if (token.length > 200) return { ok: false, reason: 'respondentToken is longer than 200 characters' };
  const channel = (plan.channel ? cell(plan.channel) : '') || 'paper';
  if (!(CONSULTATION_CHANNELS as readonly string[]).includes(channel)) return { ok: false, reason: `unknown channel ${channel}` };

  const profile: RespondentProfile = {};
  for (const { column, field } of plan.profile) {
    const v = cell(column);
    if (!v) continue;
    const allowed = field === 'ageBand' ? AGE_BANDS : field === 'gender' ? GENDERS : field === 'status' ? RESPONDENT_STATUSES : undefined;
    if (allowed && !(allowed as readonly string[]).includes(v)) return { ok: false, reason: `${field}: unknown value ${v}` };
    if (v.length > 120) return { ok: false, reason: `${field}: longer than 120 characters` };
    (profile as Record<string, string>)[field] = v;
  }

  const answers = new Map<string, Answer>();
  for (const [column, q] of plan.whole) {
    const v = cell(column);
    if (!v) continue;
    switch (q.type) {
      case 'single_choice':
        answers.set(q.id, { questionId: q.id, optionIds: [v] });
        break;
      case 'multiple_choice':
        answers.set(q.id, { questionId: q.id, optionIds: splitList(v) });
        break;
      case 'ranking':
        answers.set(q.id, { questionId: q.id, ranking: splitList(v) });
        break;
      case 'scale': {
        if (!/^-?\d+$/.test(v)) return { ok: false, reason: `${q.id}: ${v} is not a whole number`, questionId: q.id };
        answers.set(q.id, { questionId: q.id, value: Number(v) });
        break;
      }
      case 'text':
        answers.set(q.id, { questionId: q.id, value: v });
        break;
    }
  }
  const ranks = new Map<string, Array<{ optionId: string; rank: number }>>();
  for (const { column, question: q, optionId } of plan.perOption) {
    const v = cell(column).toLowerCase();
    if (UNMARKED.has(v)) continue;
    if (q.type === 'multiple_choice') {
      if (!MARKS.has(v)) return { ok: false, reason: `${q.id}.${optionId}: ${v} is not a mark (use 1 or x)`, questionId: q.id };
      const a = answers.get(q.id) ?? { questionId: q.id, optionIds: [] };
      if (!a.optionIds!.includes(optionId)) a.optionIds!.push(optionId);
      answers.set(q.id, a);
    } else {
      if (!/^\d+$/.test(v) || Number(v) < 1) return { ok: false, reason: `${q.id}.${optionId}: rank ${v} is not a positive whole number`, questionId: q.id };
      const list = ranks.get(q.id) ?? [];
      list.push({ optionId, rank: Number(v) });
      ranks.set(q.id, list);
    }
  }
  for (const [qid, list] of ranks) {
    list.sort((a, b) => a.rank - b.rank);
    const positions = list.map((x) => x.rank);
    if (new Set(positions).size !== positions.length) return { ok: false, reason: `${qid}: two options share a rank`, questionId: qid };
    if (positions.some((r, i) => r !== i + 1)) return { ok: false, reason: `${qid}: ranks must run 1, 2, 3... without gaps`, questionId: qid };
    answers.set(qid, { questionId: qid, ranking: list.map((x) => x.optionId) });
  }
  return { ok: true, token, channel: channel as ConsultationChannel, profile, answers: [...answers.values()] };
}

const splitList = (v: string) => v.split(/[;|]/).map((s) => s.trim()).filter(Boolean);

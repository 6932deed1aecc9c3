// The JSON the server sends and accepts, as docs/openapi.yaml describes it. Field names are
// the server's (snake_case); times are ISO 8601 strings in UTC.

export type Role = 'admin' | 'sales';
export type LeadStatus = 'pending' | 'contacted' | 'converted' | 'rejected';
export type Grade = 'A' | 'B' | 'C' | 'D';
export type Trend = 'up' | 'down' | 'same' | 'new';

export const leadStatuses: LeadStatus[] = ['pending', 'contacted', 'converted', 'rejected'];
export const grades: Grade[] = ['A', 'B', 'C', 'D'];

// An error answer: `code` is specific ("username_taken") or, without one, the generic `kind`;
// `params` fill the code's sentence (src/core/reasons.json lists the codes and their params);
// `message` is the English sentence for logs and scripts, not for the screen.
export interface ErrorBody {
  error: {
    code: string;
    params: Record<string, string | number>;
    message: string;
    kind: string;
    details?: { errors?: RowError[] } & Record<string, unknown>;
  };
}

export interface User {
  id: number;
  username: string;
  display_name: string;
  role: Role;
  active: boolean;
  created_at: string;
  // Absent on servers that do not record sign-ins yet; null: never signed in.
  last_login_at?: string | null;
}

export interface UserRef {
  id: number;
  display_name: string;
}

export interface Paged<T> {
  items: T[];
  total: number;
  page: number;
  size: number;
}

export interface Items<T> {
  items: T[];
}

export interface ServerInfo {
  version: string;
  demo: boolean;
  now: string;
  clock_offset_hours: number;
  reject_period_hours: number;
  database: 'sqlite' | 'postgresql';
}

// The bank columns by their UCI header names: numbers, strings, or null when unknown.
export type LeadFields = Record<string, number | string | null>;

export interface LeadField {
  name: string;
  label_en: string;
  label_id: string;
  kind: 'numeric' | 'categorical';
  values?: string[];
  // The field spec (docs/FIELDS.md); the forms check with the same file, imported.
  type?: 'number' | 'integer' | 'category';
  min?: number;
  max?: number;
  required?: boolean;
  layouts?: ('bank-additional' | 'bank-full')[];
  context?: boolean;
  after_call?: boolean;
}

// GET /api/lead-fields: the fields, the layout of the leads in the database, the predictor's inputs.
export interface LeadFieldSet {
  items: LeadField[];
  layout: 'bank-additional' | 'bank-full';
  predictor: { name: string; type: 'number' | 'integer'; min?: number; max?: number; required: boolean }[];
}

export interface LeadSummary {
  id: number;
  name: string;
  phone: string;
  rank: number | null;
  score: number | null;
  previous_score: number | null;
  trend: Trend;
  grade: Grade | null;
  status: LeadStatus;
  owner: UserRef | null;
  followed_up_by: string | null;
  is_mine: boolean;
  callback_at: string | null;
  callback_due: boolean;
  // The customer asked not to be called: in no sales list, takes no call.
  do_not_call: boolean;
  // Call attempts logged on the lead and the time of the last one.
  attempts: number;
  last_attempt_at: string | null;
  status_changed_at: string | null;
  age: number | null;
  job: string | null;
  // The lead's cluster in the most recent segmentation built from the leads; null when it has
  // none.
  segment: LeadSegment | null;
}

export interface LeadSegment {
  segmentation_id: number;
  cluster: number;
  persona: string;
  persona_id?: string;
}

export interface Reason {
  feature: string;
  label_en: string;
  label_id: string;
  value: string;
  /** A sentence about the customer ("Usia 67 tahun"), when the server sends one. */
  text_en?: string;
  text_id?: string;
  contribution: number;
  direction: 'up' | 'down';
}

export interface ActivityEntry {
  id: number;
  lead_id: number;
  lead_name: string;
  user: UserRef;
  from_status: LeadStatus;
  to_status: LeadStatus;
  note: string | null;
  callback_at: string | null;
  at: string;
  // 'attempt' for a call attempt (from_status equals to_status); 'assign' and 'release' for an
  // admin giving the lead to `subject` or the lead going back to the team from `subject`;
  // 'do_not_call' / 'call_allowed' for the mark set or cleared (the consent basis in note);
  // 'undo' for the author taking back their converted/rejected within 5 minutes; 'revert' for
  // an admin reopening a closed lead (the reason in `reason`, the owner it went back to in
  // `subject`); else a status change.
  kind?: 'status' | 'attempt' | 'assign' | 'release' | 'do_not_call' | 'call_allowed' | 'undo' | 'revert';
  outcome?: AttemptOutcome | null;
  reason?: string | null;
  subject?: UserRef | null;
}

// GET/PUT /api/settings/follow-up: after how many days without activity a contacted lead
// returns to the team; the reject period is the server's, read-only.
export interface FollowUpSetting {
  stale_contacted_days: number;
  reject_period_hours: number;
  updated_at: string | null;
  updated_by: string | null;
}

export type AttemptOutcome = 'no_answer' | 'busy' | 'wrong_number' | 'call_back' | 'not_interested';

export interface AttemptRequest {
  outcome: AttemptOutcome;
  note?: string;
  callback_at?: string;
  reason?: string;
}

export interface LeadDetail extends LeadSummary {
  fields: LeadFields;
  extra: Record<string, unknown>;
  outcome: boolean | null;
  reasons: Reason[];
  history: ActivityEntry[];
  allowed_statuses: LeadStatus[];
  // Until when the caller may undo the lead's latest Terkonversi/Ditolak (their own, within 5
  // minutes, nobody else acted since); null when they may not.
  undo_until: string | null;
  // An admin may revert the closed lead (converted, or rejected in its period).
  may_revert: boolean;
  model_id: number | null;
  scored_at: string | null;
  created_at: string;
  updated_at: string;
}

export type LeadSort = 'rank' | 'score_asc' | 'name' | 'recent';

export interface LeadQuery {
  page?: number;
  size?: number;
  sort?: LeadSort;
  status?: LeadStatus | '';
  grade?: Grade | '';
  segment?: number | '';
  segmentation_id?: number;
  q?: string;
  mine?: boolean;
}

// GET /api/leads/stats: the counts of the leads the list's filters select, and the scores in
// 20 bins of width 0.05.
export interface LeadStatsResponse {
  total: number;
  scored: number;
  statuses: Record<LeadStatus, number>;
  grades: Record<Grade, number>;
  histogram: HistogramBin[];
}

export interface HistogramBin {
  from: number;
  to: number;
  count: number;
}

// GET/PUT /api/settings/grade-bands: the A, B and C cut-offs (a score >= bands[0] is A, and so
// on), or null while the grades follow the quartiles of the current scores.
export type Bands = [number, number, number];

export interface GradeBands {
  bands: Bands | null;
  mode: 'fixed' | 'quartiles';
  updated_at: string | null;
  updated_by: string | null;
  // PUT only: how many stored scores were graded again.
  regraded?: number;
}

// GET/PUT /api/settings/campaign: the campaign-context values scoring applies to every lead
// (under a model in context mode current or include), by column.
export interface CampaignColumn {
  name: string;
  kind: 'category' | 'number';
  label_en: string;
  label_id: string;
  levels: string[];
}

export type CampaignValues = Record<string, string | number>;

export interface CampaignSetting {
  campaign: CampaignValues;
  columns: CampaignColumn[];
  // setting: an admin saved them; history: the latest of the campaign history; model: no
  // history, the values the active model scores with (the latest of its training data); none:
  // neither
  source: 'setting' | 'history' | 'model' | 'none';
  updated_at: string | null;
  updated_by: string | null;
  // the active model's context mode; null without an active model
  model_mode: ContextMode | null;
}

export interface CampaignSaved extends CampaignSetting {
  // the score refresh the change started (or joined); null without an active model
  refresh_job: { id: number; kind: string } | null;
}

// GET /api/history: the labelled rows of past campaigns that train the model (never in a call
// list), and the outcomes set in the portal that train it too.
export interface HistoryCounts {
  rows: number;
  from_import: number;
  positives: number;
  from_portal: number;
}

export interface HistoryImportResult extends HistoryCounts {
  imported: number;
}

// An API token for pages and systems outside the portal; its text is never listed.
export type ApiTokenScope = 'predict' | 'score';

export interface ApiToken {
  id: number;
  name: string;
  hint: string; // the token's first characters
  scopes: ApiTokenScope[];
  created_at: string;
  created_by: string;
  last_used_at: string | null;
  revoked_at: string | null;
  active: boolean;
}

// The answer to creating a token: `secret` is shown this once.
export interface CreatedApiToken {
  token: ApiToken;
  secret: string;
}

export interface LeadInput {
  name?: string;
  phone?: string;
  fields?: LeadFields;
  extra?: Record<string, unknown>;
  outcome?: boolean | null;
}

export interface StatusRequest {
  status: Exclude<LeadStatus, 'pending'>;
  note?: string;
  callback_at?: string | null;
}

// A bad row of a CSV import: its line, the column as the file names it ("" for the whole row),
// a code of src/core/reasons.json with its params, and the English reason (not for the screen).
export interface RowError {
  line: number;
  column?: string;
  code?: string;
  params?: Record<string, string | number>;
  reason: string;
}

export interface ImportResult {
  // good rows taken: created + updated + unchanged
  imported: number;
  // one customer, one lead: a row whose customer key (customer_id / NIK column, else the phone
  // in E.164) a lead already has updates that lead, or changes nothing
  created: number;
  updated: number;
  unchanged: number;
  skipped: number;
  errors: RowError[];
  // true: a refresh of every score was started (or joined), see refresh_job
  scored: boolean;
  refresh_job?: { id: number; kind: string } | null;
}

export interface StatusCounts {
  pending?: number;
  contacted: number;
  converted: number;
  rejected: number;
  total: number;
}

export interface PerformanceLead {
  id: number;
  name: string;
  phone: string;
  status: LeadStatus;
  // false once the lead returned to pending (or was taken over after returning)
  still_owned: boolean;
  score: number | null;
  last_action_at: string;
}

export interface PerformanceDay {
  date: string;
  changes: number;
  converted: number;
}

export interface Performance {
  user: User;
  counts: StatusCounts;
  conversion_rate: number;
  leads: PerformanceLead[];
  per_day: PerformanceDay[];
}

export interface TeamRow {
  user: User;
  counts: StatusCounts;
  conversion_rate: number;
  changes_in_period: number;
}

export type JobState = 'queued' | 'running' | 'succeeded' | 'failed';

export interface Job {
  id: number;
  kind: 'refresh';
  state: JobState;
  done: number;
  total: number;
  message: string | null;
  started_at: string | null;
  finished_at: string | null;
}

/** The time-forward backtest: trained on the earlier calls, tested on the later ones. */
export interface BacktestMetrics {
  roc_auc: number;
  auc_within_period: number;
  // how many periods (groups of calls with the same context) the within-period AUC averages
  periods?: number;
  pr_auc: number;
  brier: number;
  lift_top10?: number;
  capture_top10?: number;
  lift_top20?: number;
  capture_top20?: number;
  lift_top30?: number;
  capture_top30?: number;
  n_train: number;
  n_test: number;
}

// How a model treats the campaign-context columns (month, weekday, the economic indicators):
// exclude leaves them out; current learns from them and scores every lead with the current
// campaign; include keeps each row's own values.
export type ContextMode = 'exclude' | 'current' | 'include';

export interface ModelContext {
  mode: ContextMode;
  columns: string[];
}

// Where a version's training rows came from: the campaign history, leads imported with a known
// outcome, and the outcomes the team set in the portal (converted = yes, rejected = no).
export interface TrainingData {
  history: number;
  labelled_leads: number;
  portal: number;
  total: number;
}

export interface ModelMetrics {
  // absent on old versions and on data too small for one (fewer than 40 yes and 40 no per part)
  backtest?: BacktestMetrics;
  training_data?: TrainingData;
  context?: ModelContext;
  roc_auc: number;
  pr_auc: number;
  brier: number;
  lift_top10?: number;
  lift_top20?: number;
  lift_top30?: number;
  capture_top10?: number;
  capture_top20?: number;
  capture_top30?: number;
  confusion?: { tp: number; fp: number; tn: number; fn: number };
  n_train?: number;
  n_valid?: number;
}

export interface ModelVersion {
  id: number;
  created_at: string;
  created_by: string;
  active: boolean;
  uses_duration: boolean;
  resampling: string;
  threshold: number;
  data_fingerprint?: string;
  // absent on servers that do not send it yet
  context?: ModelContext | null;
  metrics: ModelMetrics;
}

export interface ModelCurves {
  roc: { fpr: number; tpr: number }[];
  deciles: { decile: number; lift: number; capture: number }[];
  feature_importance: { feature: string; label_en: string; label_id: string; importance: number }[];
}

export interface TrainRequest {
  use_duration?: boolean;
  resampling?: 'auto' | 'smote' | 'weight' | 'none';
  seed?: number;
}

export interface ScoreResult {
  score: number;
  grade: Grade;
  reasons: Reason[];
  model_id: number;
}

export interface SegmentationSummary {
  id: number;
  name: string;
  source: 'leads' | 'csv';
  features: string[];
  k: number;
  created_at: string;
  is_default: boolean;
  n_points: number;
  silhouette: number | null;
}

export interface Cluster {
  id: number;
  size: number;
  centroid: number[];
  persona: string;
  persona_id?: string;
  description: string;
  description_id?: string;
  levels?: ('low' | 'medium' | 'high')[];
}

export interface SegmentationDetail extends SegmentationSummary {
  clusters: Cluster[];
  elbow: { k: number; wcss: number; silhouette?: number | null }[];
  sample: { values: number[]; cluster: number }[];
}

export interface SegmentFeature {
  name: string;
  label_en: string;
  label_id: string;
  present: number;
}

export interface SegmentFeatures {
  leads: number;
  items: SegmentFeature[];
  default: string[];
}

export interface BuildSegmentationRequest {
  name?: string;
  source: 'leads' | 'csv';
  features: string[];
  k?: number | null;
  csv?: string;
  make_default?: boolean;
}

export interface SegmentPrediction {
  segmentation_id: number;
  cluster: number;
  persona: string;
  persona_id?: string;
  description?: string;
  description_id?: string;
}

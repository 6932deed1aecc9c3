// Store: everything leadscore keeps, behind one interface with two real engines (SQLite, the
// embedded default, and PostgreSQL, the shared state of several servers), both reached through
// SOCI with one code path. The schema is created and migrated when a store is opened.
//
// A Store is thread-safe: it owns a pool of connections and every call leases one for its
// duration, so many server threads share one Store. Writes are transactions; a failed call
// changes nothing. Times are milliseconds since the epoch (TimeMs); rules that depend on the time
// (the return of rejected leads to pending, due call-backs, session expiry) take `now` from the
// caller, who reads it from the one Clock, so tests can move time.
//
// Every method returns a Status or a Result; no method throws. Unknown ids give kNotFound, a
// unique name taken gives kConflict, a database failure gives kInternal or kUnavailable.
#pragma once

#include <array>
#include <cstdint>
#include <functional>
#include <limits>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/clock.h"
#include "core/grades.h"
#include "core/job.h"
#include "core/lead.h"
#include "core/lead_workflow.h"
#include "core/status.h"
#include "core/user.h"

namespace leadscore {

// ---------------------------------------------------------------------------------------------
// Scores and the ranked list

struct Score {
  int64_t lead_id = 0;
  double score = 0;                     // calibrated probability in [0, 1]
  std::optional<double> previous_score;  // filled by the store from the score it replaces
  std::string grade;                    // "A".."D"
  int64_t model_version = 0;
  TimeMs scored_at = 0;  // a score's reasons are not stored: they are explained when asked for
};

// Who is looking, and when: the inputs of the visibility rules
// (docs/ARCHITECTURE.md, "Status rules and visibility").
struct Viewer {
  int64_t user_id = 0;
  Role role = Role::kSales;
  TimeMs now = 0;
  TimeMs reject_period = kDefaultRejectPeriod;
  // The stale return of contacted leads: the store sets it from the setting
  // kStaleContactedSetting when it reads, whatever the caller put here.
  TimeMs stale_period = kDefaultStalePeriod;
};

// The setting of the stale return: days (kMinStaleDays..kMaxStaleDays) as a JSON integer.
inline constexpr const char* kStaleContactedSetting = "stale_contacted_days";

enum class LeadSort { kScore, kName, kStatusChangedAt };

struct LeadQuery {
  Viewer viewer;
  std::optional<LeadStatus> status;  // the effective status (a rejected lead past its period is
                                     // pending)
  std::optional<std::string> grade;  // "A".."D"
  std::optional<int64_t> owner_id;   // only leads owned by this user (admin monitoring, history)
  // Only leads in cluster `cluster` of segmentation `segmentation_id` (both or neither).
  std::optional<int64_t> segmentation_id;
  std::optional<int> cluster;
  std::string search;  // substring of name or phone, case-insensitive; empty = all
  LeadSort sort = LeadSort::kScore;
  bool descending = true;  // score: highest first; set false for name A..Z
  int64_t page = 1;                      // 1..kMaxPage
  int64_t page_size = kDefaultPageSize;  // 1..kMaxPageSize
};

// A lead's cluster in one segmentation built from the leads, with the cluster's persona name
// (filled by the service layer, which reads the segmentation's model).
struct LeadSegment {
  int64_t segmentation_id = 0;
  int cluster = 0;
  std::string persona;     // English, e.g. "Target"
  std::string persona_id;  // Indonesian
};

// One line of a list: the lead as the viewer sees it (effective status and owner), with its
// score. `rank` is the position by score among the leads the viewer can see (0 if unscored).
struct LeadRow {
  Lead lead;
  std::optional<double> score;
  std::optional<double> previous_score;
  std::string grade;  // "" if unscored
  int64_t rank = 0;
  std::string owner_name;     // display name of the effective owner, "" if none
  bool callback_due = false;  // the viewer's own call-back whose time has come
  std::optional<LeadSegment> segment;  // not filled by the store
};

// What a page of the list holds for: the list epoch it was read in (a data version and a time in
// which no rejected lead returns; 0: none, the page is not to be kept) and the window of `now`
// in which none of its rows changes with the clock (the viewer's call-backs falling due).
struct ListStamp {
  uint64_t epoch = 0;
  TimeMs from = 0;
  TimeMs until = 0;
  bool Holds(uint64_t current_epoch, TimeMs now) const {
    return epoch != 0 && epoch == current_epoch && from <= now && now < until;
  }
};

struct LeadPage {
  std::vector<LeadRow> rows;
  int64_t total = 0;  // leads matching the query, over all pages
  ListStamp stamp;
};

// Counts per effective status, for the KPI tiles.
struct StatusCounts {
  int64_t pending = 0;
  int64_t contacted = 0;
  int64_t converted = 0;
  int64_t rejected = 0;
  int64_t total() const { return pending + contacted + converted + rejected; }
};

// The figures of the leads a query selects, for the dashboard: counts per effective status and
// per grade, and the scores in 20 bins of 0.05 ([0, 0.05), [0.05, 0.10), ... [0.95, 1]).
struct LeadStats {
  static constexpr int kBins = 20;
  int64_t total = 0;
  int64_t scored = 0;
  StatusCounts statuses;
  std::array<int64_t, kGrades.size()> grades{};  // as kGrades: A, B, C, D
  std::array<int64_t, kBins> histogram{};
  LeadStats& operator+=(const LeadStats& other);
};

// How ScanLeads walks the leads: in id order, `batch_size` at a time, ids in [min_id, max_id].
struct LeadScan {
  size_t batch_size = 10000;
  int64_t min_id = 0;
  int64_t max_id = std::numeric_limits<int64_t>::max();
  bool known_outcome_only = false;  // only leads whose outcome (`y`) is known: training data
  // When set, status and owner read as they are at `now` (a rejected lead past its period is
  // pending with no owner). Unset: as stored.
  std::optional<TimeMs> now;
  TimeMs reject_period = kDefaultRejectPeriod;
};

// The result of a status change.
struct StatusChange {
  int64_t lead_id = 0;
  LeadStatus from = LeadStatus::kPending;  // effective status before
  LeadStatus to = LeadStatus::kPending;
  int64_t owner_id = 0;
  int64_t activity_id = 0;
};

// ---------------------------------------------------------------------------------------------
// Activity

struct ActivityEntry {
  int64_t id = 0;
  TimeMs at = 0;
  int64_t user_id = 0;
  std::string user_name;  // display name
  int64_t lead_id = 0;
  std::string lead_name;  // "" if the lead was deleted since
  LeadStatus from = LeadStatus::kPending;
  LeadStatus to = LeadStatus::kPending;
  std::optional<TimeMs> callback_at;
  std::string note;
  // "status" (a status change), "attempt" (a call attempt, from == to), "assign" (an admin
  // gave the lead to `subject`), "release" (the lead went back to the team from `subject`:
  // by an admin, or as the account of `subject` was deactivated, deleted or made admin),
  // "do_not_call" / "call_allowed" (the mark set or cleared, from == to, the consent in note),
  // "undo" (the author took back their closing move), "revert" (an admin reopened a closed
  // lead, the reason in `reason`; `subject` is the owner it went back to, if any).
  std::string kind = "status";
  std::string outcome;          // an attempt's outcome (AttemptOutcomeName), else ""
  std::string reason;           // a not_interested attempt's reason, else ""
  int64_t subject_id = 0;       // assign, release: the sales person given or released, else 0
  std::string subject_name;     // their display name ("" if none or deleted since)
};

// The result of AssignLead.
struct Assignment {
  int64_t lead_id = 0;
  LeadStatus from = LeadStatus::kPending;  // effective status before
  LeadStatus to = LeadStatus::kPending;
  std::optional<int64_t> owner_id;  // after
  int64_t activity_id = 0;          // 0: the lead already read so, nothing changed
};

// The result of SetDoNotCall.
struct DoNotCallChange {
  int64_t lead_id = 0;
  bool do_not_call = false;
  int64_t leads_changed = 0;  // this lead and the others of the same phone number
};

// The result of a call attempt.
struct AttemptRecord {
  int64_t lead_id = 0;
  int64_t activity_id = 0;
  bool took_ownership = false;  // the first attempt of a pending lead: now contacted, owned
};

// Attempts of one outcome on one day.
struct AttemptDayCount {
  TimeMs day_start = 0;  // as DayCount::day_start
  std::string outcome;
  int64_t attempts = 0;
};

struct ActivityQuery {
  std::optional<int64_t> user_id;
  std::optional<int64_t> lead_id;
  std::optional<TimeMs> from;  // at >= from
  std::optional<TimeMs> to;    // at < to
  int64_t limit = 100;
  int64_t offset = 0;
};

// A lead a sales person has acted on, with its status now (for "Performa Saya").
struct TouchedLead {
  int64_t lead_id = 0;
  std::string name;
  std::string phone;
  LeadStatus status = LeadStatus::kPending;  // effective
  bool still_owned = false;                  // the user is still its effective owner
  TimeMs last_action_at = 0;
  std::optional<double> score;
};

struct DayCount {
  TimeMs day_start = 0;  // midnight of the day in the requested UTC offset, as UTC ms
  int64_t changes = 0;   // status changes that day
  int64_t converted = 0;  // of which to converted, not undone or reverted since
};

// ---------------------------------------------------------------------------------------------
// Models and segmentations (jobs: core/job.h)

struct ModelVersion {
  int64_t id = 0;
  TimeMs created_at = 0;
  std::string created_by;  // username, or "cli"
  bool active = false;
  double validation_auc = 0;
  std::string metrics_json = "{}";
  std::string pipeline_json = "{}";
  std::string booster_json;  // XGBoost JSON model; empty in ListModelVersions
  std::string data_fingerprint;
};

struct Segmentation {
  int64_t id = 0;
  std::string name;  // unique
  TimeMs created_at = 0;
  std::string created_by;
  bool is_default = false;
  std::string model_json;  // scaler, centroids, personas, elbow, silhouette, sample points
};

struct LeadCluster {
  int64_t lead_id = 0;
  int cluster = 0;
};

// ---------------------------------------------------------------------------------------------
// Settings

// A portal-wide setting, shared by every server on the database: a JSON value under a name.
struct Setting {
  std::string name;  // e.g. "grade_bands"
  std::string value_json = "null";
  TimeMs updated_at = 0;
  std::string updated_by;  // username, or "cli"
};

// ---------------------------------------------------------------------------------------------
// Campaign history

// One labelled row of a past campaign: training data that no call list shows.
struct HistoryRow {
  int64_t id = 0;
  std::string source = "import";  // "import": a history file; "portal": an outcome of the team
  std::string data_json = "{}";   // the row's columns, {column: value}
  bool outcome = false;           // `y`
  TimeMs created_at = 0;
  std::string created_by;  // username, "cli" or "demo"
};

struct HistoryCounts {
  int64_t rows = 0;          // history rows
  int64_t from_import = 0;   // of which from history files
  int64_t positives = 0;     // of which with outcome yes
  int64_t portal_outcomes = 0;  // leads whose stored status is converted or rejected
};

// ---------------------------------------------------------------------------------------------
// Streaming writers and locks

// Adds the leads of one import, and rewrites the data of existing ones, all or nothing. Each
// Add() writes its batch in short transactions of its own (at most kImportChunkRows leads each),
// so that other writes (a sales person's status change) wait at most one chunk, never the whole
// file; the leads written are marked as the import's and are in no read (list, count,
// statistics, scan, export, read by id) until Commit(), whose one small transaction makes every
// one of them visible at once, writes the updates staged by Update() and bumps the data
// version. If the writer is destroyed without a successful Commit() its leads are deleted and
// its updates dropped; if its process dies, the next store opened on the database (or the next
// import) deletes them (RemoveAbandonedImports). Owns one pooled connection for its life. Not
// thread-safe: one thread drives it.
inline constexpr size_t kImportChunkRows = 5000;

class LeadWriter {
 public:
  virtual ~LeadWriter() = default;
  // Inserts the batch (ids, status and times of the given leads are ignored: new leads are
  // pending, created now), committed in chunks but not visible. A failed Add leaves the writer
  // unusable; destroy it. A customer key another lead has gives kConflict (at Add or at Commit).
  virtual Status Add(const std::vector<Lead>& batch) = 0;
  // Rewrites the data fields (as UpdateLead: name, phone, bank columns, extra_json, outcome,
  // customer key) of the existing leads of the batch, matched by id. The rows are staged as they
  // come and written at Commit(), in its transaction; status, owner, the workflow's times,
  // attempts, activity and the do-not-call mark stay. A lead deleted in between fails the Commit
  // (kConflict) and nothing is written.
  virtual Status Update(const std::vector<Lead>& batch) = 0;
  virtual Status Commit() = 0;
  virtual int64_t added() const = 0;
  virtual int64_t updated() const = 0;  // leads staged by Update()
};

// A share of a score refresh: the leads with ids in [min_id, max_id]. A refresh's owner splits
// its run into chunks (ScoreWriter::PlanChunks); any claimer of the run — the owner, another
// server, `leadscore score --worker` — claims one at a time with a lease, scores it and
// completes it (docs/ARCHITECTURE.md, "The score refresh").
struct RefreshChunk {
  int64_t index = 0;  // 0-based, in id order
  int64_t min_id = 0;
  int64_t max_id = 0;
};

// What ScoreWriter::CompleteChunk did.
struct ChunkOutcome {
  // False when the chunk was no longer the claimer's (its lease ran out and another claimer took
  // it, or the run ended): then nothing of it was written.
  bool written = false;
  std::optional<RefreshChunk> next;  // the chunk claimed next in the same transaction, if asked
  int64_t job_done = 0;              // the refresh job's progress after the transaction
  int64_t job_total = 0;
};

// The chunks of a run: how many, how many are done, and how many a claimer may take now (open,
// or claimed under a lease that has run out).
struct ChunkCounts {
  int64_t total = 0;
  int64_t done = 0;
  int64_t claimable = 0;
};

// A refresh that has chunks to claim (Store::FindRefreshWork).
struct RefreshWork {
  int64_t run_id = 0;
  int64_t job_id = 0;
  int64_t model_version = 0;  // every chunk is scored with this version, active or not
  std::vector<double> bands;  // the grade bands its scores are written with (A, B, C cut-offs)
};

// Replaces the scores of a refresh all or nothing. Add() writes scores into the run (each
// taking the lead's current score as its previous one); Commit() makes them current in one
// transaction, keeping the current score of any lead the run did not reach. Readers see the old
// scores until then; if the owner's writer is destroyed without a successful Commit() (or its
// process dies) the run's scores and chunks are dropped and the old scores stay whole.
//
// A run may be shared: its owner splits it into chunks (PlanChunks) and every claimer, in this
// process or another, opens the run (Store::OpenScoreWriter) and takes chunks with ClaimChunk /
// CompleteChunk. A chunk's scores are written in the one transaction that marks it done, and
// only while the claimer still holds it, so each lead is written once whoever claims its chunk
// and however often: a dead claimer's transaction rolls back, and its chunk is claimed again
// once its lease has run out. The chunk methods may be called from several threads at once
// (each takes a connection of its own); Add, SetFinalBands and Commit belong to one thread.
class ScoreWriter {
 public:
  virtual ~ScoreWriter() = default;
  virtual int64_t run_id() const = 0;
  virtual Status Add(const std::vector<Score>& batch) = 0;
  // Regrades every score of the run with these bands (as PutSettingAndRegrade) at Commit(): the
  // quartiles of a refresh are known only once every lead is scored. The run's owner only.
  virtual Status SetFinalBands(const std::vector<double>& bands) = 0;
  virtual Status Commit() = 0;

  // The owner, once: splits the run into chunks of the id ranges `ranges` (ascending, not
  // overlapping), whose scores count into job `job_id`'s progress and are graded with `bands`.
  virtual Status PlanChunks(int64_t job_id, const std::vector<double>& bands,
                            const std::vector<std::pair<int64_t, int64_t>>& ranges) = 0;
  // Claims the run's first chunk that is open or whose lease has run out, for `claimer` until
  // now + lease; nullopt when there is none (or the run has ended). On PostgreSQL two claimers
  // never wait for each other (SKIP LOCKED); on SQLite a claim is one short write.
  virtual Result<std::optional<RefreshChunk>> ClaimChunk(const std::string& claimer, TimeMs now,
                                                         TimeMs lease) = 0;
  // In one transaction: if `chunk` is still claimed by `claimer`, writes `scores` (the scores of
  // its leads) into the run, marks it done and counts them into the job's progress; then, with
  // `claim_next`, claims the next chunk as ClaimChunk does.
  virtual Result<ChunkOutcome> CompleteChunk(const RefreshChunk& chunk, const std::string& claimer,
                                             const std::vector<Score>& scores, TimeMs now,
                                             TimeMs lease, bool claim_next) = 0;
  // Gives back the chunks `claimer` holds and has not completed (it stops early).
  virtual Status ReleaseChunks(const std::string& claimer) = 0;
  virtual Result<ChunkCounts> CountChunks(TimeMs now) = 0;
  // The scores written into the run so far, one per lead, in no particular order.
  virtual Result<std::vector<float>> RunScores() = 0;
};

// A named lock held until destroyed ("one refresh at a time across servers and processes"). On
// PostgreSQL a session advisory lock on a connection the lock owns; on SQLite an flock(2) on the
// file "DATABASE-NAME.lock" beside the database file (left in place: removing it would race with
// a process about to lock it). Either way the lock dies with its process.
class NamedLock {
 public:
  virtual ~NamedLock() = default;
  virtual const std::string& name() const = 0;
};

// ---------------------------------------------------------------------------------------------

class Store {
 public:
  virtual ~Store() = default;
  Store() = default;
  Store(const Store&) = delete;
  Store& operator=(const Store&) = delete;

  // "sqlite" or "postgresql".
  virtual std::string_view engine() const = 0;

  // --- Users
  virtual Result<int64_t> CreateUser(const User& user) = 0;  // kConflict if the username is taken
  virtual Result<User> GetUser(int64_t id) = 0;
  virtual Result<User> GetUserByUsername(const std::string& username) = 0;
  virtual Result<std::vector<User>> ListUsers() = 0;
  // Writes username, display_name, role, password_hash, active and updated_at of user.id; a
  // deactivated user's sessions end in the same transaction. When
  // an active sales account stops being one (deactivated, or made admin), its open leads
  // (contacted, owned by it) go back to the team in the same transaction, each release logged
  // as done by `actor_id` at user.updated_at, so that no lead is stuck
  // (docs/ARCHITECTURE.md, "The sales floor").
  virtual Status UpdateUser(const User& user, int64_t actor_id) = 0;
  // Deletes a user who has never changed a lead, releasing the open leads an admin had given
  // them (logged as done by `actor_id`); one with activity, or owning a closed lead, is kept
  // for the audit trail (kFailedPrecondition: deactivate instead), and nothing changes.
  virtual Status DeleteUser(int64_t id, int64_t actor_id, TimeMs now) = 0;
  virtual Result<int64_t> CountUsers() = 0;

  // --- Sessions
  virtual Status CreateSession(const Session& session) = 0;
  // The session of a successful sign-in: creates it and sets the user's last_login_at to its
  // created_at, in one transaction. kNotFound if the user does not exist.
  virtual Status CreateSignInSession(const Session& session) = 0;
  // The session and its user; kNotFound if unknown or expired at `now`.
  virtual Result<SessionWithUser> GetSession(const std::string& token_hash, TimeMs now) = 0;
  virtual Status DeleteSession(const std::string& token_hash) = 0;
  virtual Result<int64_t> DeleteExpiredSessions(TimeMs now) = 0;  // how many were deleted
  virtual Status DeleteUserSessions(int64_t user_id) = 0;

  // --- Sign-in throttling
  virtual Result<LoginAttempts> GetLoginAttempts(const std::string& key) = 0;  // 0 if none
  // Decides and counts one password check in a single atomic step (one transaction holding the
  // keys' rows), so that parallel attempts on any number of servers cannot all pass the check
  // before one of them is counted. `admit` is shown each key's record so far and answers how
  // long that key must still wait (0: it may try now); it may set the record's failures to 0 to
  // start a new series. If every key may try, each record is written back with one failure more
  // at `now` and the answer is 0; otherwise nothing changes and the answer is the longest wait.
  virtual Result<TimeMs> CountLoginAttempt(
      const std::vector<std::string>& keys, TimeMs now,
      const std::function<TimeMs(LoginAttempts&)>& admit) = 0;
  // Takes one counted attempt back (its password was right), never below 0.
  virtual Status UncountLoginAttempt(const std::string& key) = 0;
  virtual Status ClearLoginFailures(const std::string& key) = 0;

  // --- API tokens
  virtual Result<int64_t> CreateApiToken(const ApiToken& token) = 0;  // the new id
  // Every token, revoked ones too, newest first; token_hash is left empty.
  virtual Result<std::vector<ApiToken>> ListApiTokens() = 0;
  // The token stored under `token_hash`, revoked or not; kNotFound if there is none.
  virtual Result<ApiToken> GetApiTokenByHash(const std::string& token_hash) = 0;
  // Marks the token revoked at `now` (a token revoked before keeps its time); kNotFound if
  // there is no token `id`.
  virtual Status RevokeApiToken(int64_t id, TimeMs now) = 0;
  // Sets the token's last_used_at to `now`.
  virtual Status TouchApiToken(int64_t id, TimeMs now) = 0;

  // --- Leads
  virtual Result<std::unique_ptr<LeadWriter>> BeginLeadImport(TimeMs now) = 0;
  // Deletes what imports that did not finish left behind (their leads, never visible): an
  // import whose writer was destroyed without Commit() and could not delete them, or whose
  // process died. An import still running anywhere on the database is left alone (while one
  // runs, those that died wait for a moment without any import). Short transactions of at most
  // kImportChunkRows leads each; returns how many leads went. Called by OpenStore and
  // BeginLeadImport themselves.
  virtual Result<int64_t> RemoveAbandonedImports() = 0;
  // Data fields (name, phone, bank columns, extra_json, outcome, customer key) of a new pending
  // lead. kConflict ("a lead with this customer key already exists") when another lead has its
  // customer key.
  virtual Result<int64_t> CreateLead(const Lead& lead, TimeMs now) = 0;
  // Writes the data fields only; status, owner and times of the workflow are untouched.
  // kConflict as CreateLead.
  virtual Status UpdateLead(const Lead& lead, TimeMs now) = 0;
  // The leads (as stored) whose customer key is one of `keys`, in no particular order; keys
  // that no lead has are left out. For the import's upsert: any number of keys, read in chunks.
  virtual Result<std::vector<Lead>> FindLeadsByCustomerKey(
      const std::vector<std::string>& keys) = 0;
  // Reserves `count` numbers for made-up identities (Nasabah NNNNNN): returns the first of
  // [first, first + count), never handed out before, by any server or process.
  virtual Result<int64_t> ReserveIdentityNumbers(int64_t count) = 0;
  // Deletes the lead, its score and its cluster assignments. Its activity rows stay.
  virtual Status DeleteLead(int64_t id) = 0;
  // The lead as it reads at `now` (effective status and owner).
  virtual Result<Lead> GetLead(int64_t id, TimeMs now, TimeMs reject_period) = 0;
  // The lead as `viewer` sees it in a list, with score, grade, rank, owner name; kNotFound if
  // the viewer may not see it.
  virtual Result<LeadRow> GetLeadRow(int64_t id, const Viewer& viewer) = 0;
  virtual Result<int64_t> CountLeads() = 0;
  // The smallest and largest lead id, {0, 0} when empty: for splitting work by id range.
  virtual Result<std::pair<int64_t, int64_t>> LeadIdRange() = 0;
  // Streams leads in id order, one batch at a time, without holding them all in memory.
  virtual Status ScanLeads(const LeadScan& scan,
                           const std::function<Status(const std::vector<Lead>&)>& fn) = 0;
  // The same with scores and owner names (for export). Rank is not filled.
  virtual Status ScanLeadRows(const LeadScan& scan,
                              const std::function<Status(const std::vector<LeadRow>&)>& fn) = 0;

  // Convenience forms of ScanLeads.
  Status ForEachLeadBatch(size_t batch_size,
                          const std::function<Status(const std::vector<Lead>&)>& fn);
  Result<std::vector<Lead>> LeadsWithOutcome();

  // --- The ranked list and the workflow
  // A page of the list. The totals (and the page starts of the score order) are kept between
  // calls for as long as no write and no rejection's return can have changed them.
  virtual Result<LeadPage> ListLeads(const LeadQuery& query) = 0;
  // The list epoch `viewer` reads in now: a page whose stamp holds for it lists what ListLeads
  // would list (one read of the data version).
  virtual Result<uint64_t> CurrentListEpoch(const Viewer& viewer) = 0;
  // The data version: the counter that every write which can change a list, a count or a rank
  // increments in its own transaction, whichever server made it (one read of one row; the live
  // event stream polls it).
  virtual Result<int64_t> DataVersion() = 0;
  // The figures of the leads ListLeads would list for `query` (its sort and page are ignored).
  virtual Result<LeadStats> StatLeads(const LeadQuery& query) = 0;
  // Counts per effective status of the leads `viewer` can see; with owner_id, of that user's.
  virtual Result<StatusCounts> CountLeadsByStatus(const Viewer& viewer,
                                                  std::optional<int64_t> owner_id) = 0;
  // The status rules (docs/ARCHITECTURE.md, "Status rules and visibility"), atomically:
  // kNotFound for an unknown lead or actor, kPermissionDenied for an actor who is not an active
  // sales account, kConflict ("being followed up by NAME") if another sales owns it (or, naming
  // no one, if the actor may not open it), kFailedPrecondition for a do-not-call lead,
  // kInvalidArgument for a move the rules forbid.
  // contacted -> contacted by the owner sets or clears the call-back time.
  virtual Result<StatusChange> ChangeLeadStatus(int64_t lead_id, int64_t actor_id, LeadStatus to,
                                                const std::string& note,
                                                std::optional<TimeMs> callback_at, TimeMs now,
                                                TimeMs reject_period) = 0;

  // A call attempt by sales `actor_id` (docs/ARCHITECTURE.md, "The sales floor"), atomically
  // with its activity row: the lead's attempts and last_attempt_at grow, and a call_back
  // attempt sets its call-back time.
  // No status change, except that the first attempt of a pending lead makes the caller its
  // owner (pending -> contacted, logged as a status change too). kNotFound for a lead the
  // actor may not open, kConflict ("being followed up by NAME") when another sales owns it,
  // kInvalidArgument for a converted or rejected lead.
  virtual Result<AttemptRecord> RecordAttempt(int64_t lead_id, int64_t actor_id,
                                              const std::string& outcome, const std::string& note,
                                              const std::string& reason,
                                              std::optional<TimeMs> callback_at, TimeMs now,
                                              TimeMs reject_period) = 0;

  // --- Mistakes can be undone (docs/ARCHITECTURE.md, "The sales floor")
  // The author's undo of the lead's latest closing move (to converted or rejected), atomically
  // with its activity row (kind "undo"): the lead's status, owner, call-back and times are
  // restored exactly as they were before the move. Refused (JudgeUndo) with kConflict when the
  // actor is not its author (or the lead has no closing move), when kUndoWindow has passed, or
  // when someone else has acted on the lead since or it no longer reads as the move left it;
  // kNotFound for an unknown lead or one the actor may not open, with the same words.
  virtual Result<StatusChange> UndoClosingMove(int64_t lead_id, int64_t actor_id, TimeMs now,
                                               TimeMs reject_period) = 0;
  // An admin's revert of a converted or rejected lead, at any time, with `reason` (checked by
  // ValidateRevertReason), atomically with its activity row (kind "revert", the reason kept):
  // the lead goes back to the status it had before its closing move — contacted and owned by
  // its owner then, if that account is still an active sales one, its follow-up counted from
  // now; else pending with no owner, in everyone's list. kInvalidArgument for a bad reason;
  // kFailedPrecondition for a lead that is not closed; kPermissionDenied for a non-admin actor.
  virtual Result<StatusChange> RevertClosedLead(int64_t lead_id, int64_t actor_id,
                                                const std::string& reason, TimeMs now,
                                                TimeMs reject_period) = 0;

  // --- The sales floor (docs/ARCHITECTURE.md, "The sales floor")
  // Gives an open lead to active sales `user_id` (contacted, owned by them, its follow-up
  // counted from now) or, with nullopt, releases it to the team (pending, no owner), logged as
  // done by `actor_id`, atomically. Nothing changes (activity_id 0) when the lead already reads
  // so. kNotFound for an unknown lead; kInvalidArgument for an unknown, deactivated or admin
  // user, a closed lead (converted, or rejected in its period) or a do-not-call lead given to
  // someone.
  virtual Result<Assignment> AssignLead(int64_t lead_id, std::optional<int64_t> user_id,
                                        int64_t actor_id, TimeMs now, TimeMs reject_period) = 0;
  // Sets or clears the do-not-call mark of the lead and of every lead with the same phone
  // number (normalised to E.164), each change logged with `note`, atomically. A set mark keeps
  // the number: a lead imported or created later with it arrives marked. kNotFound for an
  // unknown lead or one a sales actor may not open (MayOpenLead); kPermissionDenied for a
  // sales actor clearing the mark (MayChangeDoNotCall) or a deactivated one.
  virtual Result<DoNotCallChange> SetDoNotCall(int64_t lead_id, bool do_not_call,
                                               int64_t actor_id, const std::string& note,
                                               TimeMs now, TimeMs reject_period) = 0;

  // --- Activity
  // Attempts per day and outcome in [from, to), days as in ActivityPerDay; all users when
  // user_id is unset.
  virtual Result<std::vector<AttemptDayCount>> AttemptsPerDay(std::optional<int64_t> user_id,
                                                              TimeMs from, TimeMs to,
                                                              TimeMs utc_offset) = 0;
  virtual Result<std::vector<ActivityEntry>> ListActivity(const ActivityQuery& query) = 0;
  virtual Result<int64_t> CountActivity(const ActivityQuery& query) = 0;
  // Leads the user has changed, most recent first, with their status now.
  virtual Result<std::vector<TouchedLead>> ListTouchedLeads(int64_t user_id, const Viewer& at,
                                                            int64_t limit, int64_t offset) = 0;
  // Status changes per day in [from, to), days cut at midnight of UTC + utc_offset; all users
  // when user_id is unset.
  virtual Result<std::vector<DayCount>> ActivityPerDay(std::optional<int64_t> user_id,
                                                       TimeMs from, TimeMs to,
                                                       TimeMs utc_offset) = 0;

  // --- Scores
  // Starts a refresh: a new run whose writers stage scores; leftover runs of dead processes
  // are dropped. Join an existing run from another thread or process with OpenScoreWriter.
  virtual Result<std::unique_ptr<ScoreWriter>> BeginScoreRefresh(int64_t model_version) = 0;
  // A writer that stages into run `run_id` without committing it (Commit() on it only flushes
  // its own part); the owner of the run commits. kNotFound when the run has ended.
  virtual Result<std::unique_ptr<ScoreWriter>> OpenScoreWriter(int64_t run_id) = 0;
  // The newest run with a chunk to claim now (open, or under a lease run out before `now`),
  // nullopt when there is none: one small read, cheap to poll.
  virtual Result<std::optional<RefreshWork>> FindRefreshWork(TimeMs now) = 0;
  // Drops run `run_id`, its chunks and its scores, if it is still the current run (a run whose
  // owner died, found by a claimer that could take the refresh lock).
  virtual Status DropScoreRun(int64_t run_id) = 0;
  // Writes one lead's score now (a lead created or edited), keeping the previous one.
  virtual Status UpsertScore(const Score& score) = 0;
  virtual Result<Score> GetScore(int64_t lead_id) = 0;
  // The score at each probability p in [0, 1] (nearest rank), over the current scores; empty
  // scores give kFailedPrecondition.
  virtual Result<std::vector<double>> ScoreQuantiles(const std::vector<double>& probs) = 0;
  virtual Result<int64_t> CountScores() = 0;

  // --- Model versions
  // Saves a version; with activate, it becomes the only active one in the same transaction.
  virtual Result<int64_t> SaveModelVersion(const ModelVersion& version, bool activate) = 0;
  virtual Result<std::vector<ModelVersion>> ListModelVersions() = 0;  // newest first, no booster
  virtual Result<ModelVersion> GetModelVersion(int64_t id) = 0;
  virtual Result<ModelVersion> GetActiveModelVersion() = 0;  // kNotFound if none
  virtual Status SetActiveModelVersion(int64_t id) = 0;

  // --- Jobs
  virtual Result<int64_t> CreateJob(const std::string& kind, const std::string& started_by,
                                    int64_t total, TimeMs now) = 0;  // state running
  virtual Status UpdateJobProgress(int64_t id, int64_t done, int64_t total) = 0;
  virtual Status FinishJob(int64_t id, TimeMs now) = 0;
  virtual Status FailJob(int64_t id, const std::string& error, TimeMs now) = 0;
  virtual Result<Job> GetJob(int64_t id) = 0;
  // The newest queued or running job of this kind, if any.
  virtual Result<std::optional<Job>> GetRunningJob(const std::string& kind) = 0;
  virtual Result<std::vector<Job>> ListJobs(int64_t limit) = 0;  // newest first

  // --- Segmentations
  virtual Result<int64_t> SaveSegmentation(const Segmentation& segmentation,
                                           bool make_default) = 0;  // kConflict on a taken name
  virtual Result<std::vector<Segmentation>> ListSegmentations() = 0;
  virtual Result<Segmentation> GetSegmentation(int64_t id) = 0;
  virtual Result<Segmentation> GetDefaultSegmentation() = 0;  // kNotFound if none
  virtual Status SetDefaultSegmentation(int64_t id) = 0;
  virtual Status DeleteSegmentation(int64_t id) = 0;  // and its cluster assignments
  // Replaces the cluster of every lead in segmentation `id`, in one transaction.
  virtual Status ReplaceLeadClusters(int64_t segmentation_id,
                                     const std::vector<LeadCluster>& clusters) = 0;
  // The newest segmentation that has lead clusters (built from the leads); nullopt if none.
  virtual Result<std::optional<int64_t>> LatestLeadSegmentation() = 0;
  // The clusters of the given leads in segmentation `segmentation_id` (leads without one are
  // left out), in no particular order.
  virtual Result<std::vector<LeadCluster>> GetLeadClusters(int64_t segmentation_id,
                                                           const std::vector<int64_t>& lead_ids) = 0;

  // --- Settings
  // The setting `name`, nullopt if it was never written.
  virtual Result<std::optional<Setting>> GetSetting(const std::string& name) = 0;
  // Inserts or replaces the setting.
  virtual Status PutSetting(const Setting& setting) = 0;
  // Puts the setting and, in the same transaction, regrades every current score with `bands`
  // (the A, B, C cut-offs, descending: A if score >= bands[0], B if >= bands[1], C if
  // >= bands[2], else D) or, when unset, with the quartiles of the current scores (nearest
  // rank, as ScoreQuantiles({0.75, 0.5, 0.25})). Returns how many grades changed.
  virtual Result<int64_t> PutSettingAndRegrade(const Setting& setting,
                                               const std::optional<std::vector<double>>& bands) = 0;

  // --- Campaign history
  // Appends the rows in one transaction (ids and created_at/by as given are kept, except id);
  // returns how many were added. kInvalidArgument for a source other than import/portal.
  virtual Result<int64_t> AppendHistory(const std::vector<HistoryRow>& rows) = 0;
  // Streams the history in id order (the order it was added: call order), a batch at a time.
  virtual Status ScanHistory(size_t batch_size,
                             const std::function<Status(const std::vector<HistoryRow>&)>& fn) = 0;
  virtual Result<HistoryCounts> CountHistory() = 0;

  // --- Locks
  // Takes the lock `name` if nobody holds it: kConflict if another holder (this or another
  // process) has it. Released when the returned object is destroyed.
  virtual Result<std::unique_ptr<NamedLock>> TryLock(const std::string& name) = 0;
};

struct StoreOptions {
  size_t pool_size = 8;           // connections
  int busy_timeout_ms = 10'000;  // SQLite: how long a writer waits for another
};

// Opens (creating and migrating if needed) the store at `url`: "sqlite:PATH", a plain path
// (SQLite), or "postgresql://..." / "postgres://..." (a libpq URI).
Result<std::unique_ptr<Store>> OpenStore(const std::string& url, const StoreOptions& options = {});

}  // namespace leadscore

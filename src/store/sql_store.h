// SqlStore: the one implementation of Store, for SQLite and PostgreSQL alike. It owns a pool of
// SOCI sessions; each method leases one (soci::session on the pool) for its duration, so the
// store is thread-safe and as concurrent as the pool is large. Engine differences live in
// Dialect; everything else is shared SQL with bound parameters only.
//
// The methods are spread over several files by area: sql_store.cc (opening, users, sessions,
// throttling), sql_store_leads.cc (lead data, import, scans), sql_store_list.cc (the ranked list
// and counts), sql_store_ranks.cc (ranks), sql_store_stats.cc (lead statistics, list segments),
// sql_store_workflow.cc (the status workflow, activity), sql_store_scores.cc (scores and refresh
// runs), sql_store_chunks.cc (the chunks of a shared refresh), sql_store_admin.cc (model
// versions, jobs, segmentations, settings, locks) and sql_store_history.cc (campaign history).
#pragma once

#include <atomic>
#include <chrono>
#include <functional>
#include <memory>
#include <mutex>
#include <set>
#include <string>
#include <unordered_map>

#include "store/soci_api.h"

#include "store/dialect.h"
#include "store/list_cache.h"
#include "store/store.h"

namespace leadscore::store {

class Params;

class SqlStore : public Store {
 public:
  // Opens `pool_size` connections with `factory` and `connect`, sets the per-connection options
  // of the engine and migrates the schema.
  static Result<std::unique_ptr<SqlStore>> Open(Engine engine, const std::string& connect,
                                                const StoreOptions& options);
  ~SqlStore() override;

  std::string_view engine() const override { return dialect_.name(); }

  Result<int64_t> CreateUser(const User& user) override;
  Result<User> GetUser(int64_t id) override;
  Result<User> GetUserByUsername(const std::string& username) override;
  Result<std::vector<User>> ListUsers() override;
  Status UpdateUser(const User& user, int64_t actor_id) override;
  Status DeleteUser(int64_t id, int64_t actor_id, TimeMs now) override;
  Result<int64_t> CountUsers() override;

  Status CreateSession(const Session& session) override;
  Status CreateSignInSession(const Session& session) override;
  Result<SessionWithUser> GetSession(const std::string& token_hash, TimeMs now) override;
  Status DeleteSession(const std::string& token_hash) override;
  Result<int64_t> DeleteExpiredSessions(TimeMs now) override;
  Status DeleteUserSessions(int64_t user_id) override;

  Result<LoginAttempts> GetLoginAttempts(const std::string& key) override;
  Result<TimeMs> CountLoginAttempt(const std::vector<std::string>& keys, TimeMs now,
                                   const std::function<TimeMs(LoginAttempts&)>& admit) override;
  Status UncountLoginAttempt(const std::string& key) override;
  Status ClearLoginFailures(const std::string& key) override;

  Result<int64_t> CreateApiToken(const ApiToken& token) override;
  Result<std::vector<ApiToken>> ListApiTokens() override;
  Result<ApiToken> GetApiTokenByHash(const std::string& token_hash) override;
  Status RevokeApiToken(int64_t id, TimeMs now) override;
  Status TouchApiToken(int64_t id, TimeMs now) override;

  Result<std::unique_ptr<LeadWriter>> BeginLeadImport(TimeMs now) override;
  Result<int64_t> RemoveAbandonedImports() override;
  Result<int64_t> CreateLead(const Lead& lead, TimeMs now) override;
  Status UpdateLead(const Lead& lead, TimeMs now) override;
  Result<std::vector<Lead>> FindLeadsByCustomerKey(const std::vector<std::string>& keys) override;
  Result<int64_t> ReserveIdentityNumbers(int64_t count) override;
  Status DeleteLead(int64_t id) override;
  Result<Lead> GetLead(int64_t id, TimeMs now, TimeMs reject_period) override;
  Result<LeadRow> GetLeadRow(int64_t id, const Viewer& viewer) override;
  Result<int64_t> CountLeads() override;
  Result<std::pair<int64_t, int64_t>> LeadIdRange() override;
  Status ScanLeads(const LeadScan& scan,
                   const std::function<Status(const std::vector<Lead>&)>& fn) override;
  Status ScanLeadRows(const LeadScan& scan,
                      const std::function<Status(const std::vector<LeadRow>&)>& fn) override;

  Result<LeadPage> ListLeads(const LeadQuery& query) override;
  Result<uint64_t> CurrentListEpoch(const Viewer& viewer) override;
  Result<int64_t> DataVersion() override;
  Result<LeadStats> StatLeads(const LeadQuery& query) override;
  Result<StatusCounts> CountLeadsByStatus(const Viewer& viewer,
                                          std::optional<int64_t> owner_id) override;
  Result<StatusChange> ChangeLeadStatus(int64_t lead_id, int64_t actor_id, LeadStatus to,
                                        const std::string& note,
                                        std::optional<TimeMs> callback_at, TimeMs now,
                                        TimeMs reject_period) override;

  Result<StatusChange> UndoClosingMove(int64_t lead_id, int64_t actor_id, TimeMs now,
                                       TimeMs reject_period) override;
  Result<StatusChange> RevertClosedLead(int64_t lead_id, int64_t actor_id,
                                        const std::string& reason, TimeMs now,
                                        TimeMs reject_period) override;

  Result<Assignment> AssignLead(int64_t lead_id, std::optional<int64_t> user_id, int64_t actor_id,
                                TimeMs now, TimeMs reject_period) override;
  Result<DoNotCallChange> SetDoNotCall(int64_t lead_id, bool do_not_call, int64_t actor_id,
                                       const std::string& note, TimeMs now,
                                       TimeMs reject_period) override;

  Result<AttemptRecord> RecordAttempt(int64_t lead_id, int64_t actor_id, const std::string& outcome,
                                      const std::string& note, const std::string& reason,
                                      std::optional<TimeMs> callback_at, TimeMs now,
                                      TimeMs reject_period) override;
  Result<std::vector<AttemptDayCount>> AttemptsPerDay(std::optional<int64_t> user_id, TimeMs from,
                                                      TimeMs to, TimeMs utc_offset) override;
  Result<std::vector<ActivityEntry>> ListActivity(const ActivityQuery& query) override;
  Result<int64_t> CountActivity(const ActivityQuery& query) override;
  Result<std::vector<TouchedLead>> ListTouchedLeads(int64_t user_id, const Viewer& at,
                                                    int64_t limit, int64_t offset) override;
  Result<std::vector<DayCount>> ActivityPerDay(std::optional<int64_t> user_id, TimeMs from,
                                               TimeMs to, TimeMs utc_offset) override;

  Result<std::unique_ptr<ScoreWriter>> BeginScoreRefresh(int64_t model_version) override;
  Result<std::unique_ptr<ScoreWriter>> OpenScoreWriter(int64_t run_id) override;
  Result<std::optional<RefreshWork>> FindRefreshWork(TimeMs now) override;
  Status DropScoreRun(int64_t run_id) override;
  Status UpsertScore(const Score& score) override;
  Result<Score> GetScore(int64_t lead_id) override;
  Result<std::vector<double>> ScoreQuantiles(const std::vector<double>& probs) override;
  Result<int64_t> CountScores() override;

  Result<int64_t> SaveModelVersion(const ModelVersion& version, bool activate) override;
  Result<std::vector<ModelVersion>> ListModelVersions() override;
  Result<ModelVersion> GetModelVersion(int64_t id) override;
  Result<ModelVersion> GetActiveModelVersion() override;
  Status SetActiveModelVersion(int64_t id) override;

  Result<int64_t> CreateJob(const std::string& kind, const std::string& started_by, int64_t total,
                            TimeMs now) override;
  Status UpdateJobProgress(int64_t id, int64_t done, int64_t total) override;
  Status FinishJob(int64_t id, TimeMs now) override;
  Status FailJob(int64_t id, const std::string& error, TimeMs now) override;
  Result<Job> GetJob(int64_t id) override;
  Result<std::optional<Job>> GetRunningJob(const std::string& kind) override;
  Result<std::vector<Job>> ListJobs(int64_t limit) override;

  Result<int64_t> SaveSegmentation(const Segmentation& segmentation, bool make_default) override;
  Result<std::vector<Segmentation>> ListSegmentations() override;
  Result<Segmentation> GetSegmentation(int64_t id) override;
  Result<Segmentation> GetDefaultSegmentation() override;
  Status SetDefaultSegmentation(int64_t id) override;
  Status DeleteSegmentation(int64_t id) override;
  Status ReplaceLeadClusters(int64_t segmentation_id,
                             const std::vector<LeadCluster>& clusters) override;
  Result<std::optional<int64_t>> LatestLeadSegmentation() override;
  Result<std::vector<LeadCluster>> GetLeadClusters(int64_t segmentation_id,
                                                   const std::vector<int64_t>& lead_ids) override;

  Result<int64_t> AppendHistory(const std::vector<HistoryRow>& rows) override;
  Status ScanHistory(size_t batch_size,
                     const std::function<Status(const std::vector<HistoryRow>&)>& fn) override;
  Result<HistoryCounts> CountHistory() override;

  Result<std::optional<Setting>> GetSetting(const std::string& name) override;
  Status PutSetting(const Setting& setting) override;
  Result<int64_t> PutSettingAndRegrade(const Setting& setting,
                                       const std::optional<std::vector<double>>& bands) override;

  Result<std::unique_ptr<NamedLock>> TryLock(const std::string& name) override;

  // For the writers and locks this store hands out.
  soci::connection_pool& pool() { return *pool_; }
  const Dialect& dialect() const { return dialect_; }
  const std::string& connect() const { return connect_; }
  // Opens a new connection outside the pool, configured like the pooled ones.
  void OpenConnection(soci::session& sql) const;
  // Marks do-not-call the leads with id > `after_id` whose phone is a kept do-not-call number,
  // inside the caller's transaction (a new lead of a customer who asked not to be called).
  static void MarkDoNotCallNumbersIn(soci::session& sql, int64_t after_id);

 private:
  SqlStore(Engine engine, std::string connect, size_t pool_size, int busy_timeout_ms);

  // SQL fragments of the visibility rules (docs/ARCHITECTURE.md, "Status rules and
  // visibility") for `viewer`, parameters added to p.
  // The lead table is aliased `l`. VisibleSql is the call list, InCallList (core/lead_workflow.h)
  // in SQL: the same for every viewer of the role.
  static std::string VisibleSql(const Viewer& viewer, Params& p);
  // What a viewer may open (MayOpenLead): the call list but for the do-not-call mark, and a
  // sales person's own leads in any status.
  static std::string OpenableSql(const Viewer& viewer, Params& p);
  static std::string EffectiveStatusSql(LeadStatus status, const Viewer& viewer, Params& p);
  // The filter of a list query (status, grade, owner, segment, search) over `l` and `s`.
  static std::string FilterSql(const LeadQuery& q, Params& p);
  // The viewer's own call-backs whose time has come.
  static std::string DueSql(const Viewer& viewer, Params& p);
  // SELECT of leads with score, grade and owner name; `tail` is "FROM ... WHERE ... ORDER BY"
  // over `l` (leads), `s` (scores) and `u` (owner). With a viewer, rows read as at its `now`.
  Result<std::vector<LeadRow>> FetchRows(soci::session& sql, const std::string& tail, Params& p,
                                         size_t limit, long long offset, const Viewer* viewer);
  // A WHERE fragment over `l` and `s`, its parameters added to p.
  using Filter = std::function<std::string(Params&)>;

  // The rank of a lead the viewer sees, counted over the score index (slow for low scores); 0
  // when `limit` leads or more come before it.
  Result<int64_t> RankOf(soci::session& sql, int64_t lead_id, double score, const Viewer& viewer,
                         int64_t limit);
  // The keys of the scored leads `visible` picks, in score order; `visible` picks few leads
  // through a leads index (the owner's), so the leads are read first.
  Result<std::vector<ScoreKey>> ScoreKeys(soci::session& sql, const Filter& visible,
                                          size_t limit);
  // The RankIndex of `viewer`'s role: every score (the score index alone, in order) less the
  // leads the role does not see (for sales, converted ones, rejected ones in the period and
  // do-not-call ones).
  Result<RankIndex> BuildRankIndex(soci::session& sql, const Viewer& viewer);
  // The ranks of `keys` for `viewer` from the role's RankIndex (built once per epoch); counted
  // with RankOf instead (with `build` false) when this epoch's index is not built yet and the
  // keys are near the top.
  Status RanksFromIndex(soci::session& sql, const ListEpoch& epoch, const Viewer& viewer,
                        const std::vector<ScoreKey>& keys, bool build,
                        std::vector<int64_t>& ranks);

  // What every list request reads first: the data version and the stale period of the setting
  // kStaleContactedSetting. On PostgreSQL, where each read is a round trip to the server, one
  // reading serves every request of this store for kFreshFor (so a write through another
  // server shows within that time, well within a second) and is dropped at once when a write
  // commits through this store (commits_) or DataVersion() sees a newer version; on SQLite it is
  // read on every call (a read of the local file costs microseconds).
  // How long one reading of the data version, or of a session, serves a PostgreSQL store.
  static constexpr std::chrono::milliseconds kFreshFor{200};
  struct Freshness {
    int64_t version = 0;
    TimeMs stale_period = 0;
  };
  Result<Freshness> Fresh(soci::session& sql);
  // The list's epoch (data version and time window, see ListCache) as `viewer` reads it;
  // `viewer.stale_period` must be `fresh`'s.
  Result<ListEpoch> CurrentEpoch(soci::session& sql, const Viewer& viewer,
                                 const Freshness& fresh);
  Result<ListEpoch> CurrentEpoch(soci::session& sql, const Viewer& viewer);
  Result<TimeWindow> ReturnWindow(soci::session& sql, const Viewer& viewer);
  // The stale period of the setting kStaleContactedSetting (kDefaultStalePeriod if unset), and
  // `viewer` with it; read on `sql`, inside its transaction if one is open.
  static TimeMs StalePeriodIn(soci::session& sql);
  static Viewer WithStalePeriod(soci::session& sql, const Viewer& viewer);
  // Releases the open leads of `user_id` to the team, each logged as done by `actor_id` with
  // `note`, inside the caller's transaction; returns how many.
  static int64_t ReleaseOpenLeadsIn(soci::session& sql, int64_t user_id, int64_t actor_id,
                                    TimeMs now, const std::string& note);
  // The total and due call-backs of the query's list, kept per epoch.
  Result<std::shared_ptr<const ListView>> View(soci::session& sql, const ListEpoch& epoch,
                                               const LeadQuery& q);
  // `limit` rows of the main part of the list (after the due call-backs) in the default order
  // (score, best first) from `offset`.
  Result<std::vector<LeadRow>> FetchByScore(soci::session& sql, const LeadQuery& q,
                                            const std::shared_ptr<const ListView>& view,
                                            size_t limit, long long offset);
  // The same in the other orders (sql_store_sorted.cc).
  Result<std::vector<LeadRow>> FetchSorted(soci::session& sql, const LeadQuery& q,
                                           const std::shared_ptr<const ListView>& view,
                                           size_t limit, long long offset);
  Status FillRanks(soci::session& sql, const ListEpoch& epoch, const LeadQuery& q,
                   const ListView& view, long long main_offset, std::vector<LeadRow>& rows);
  // `few` as for ScoreKeys.
  Result<LeadStats> StatsWhere(soci::session& sql, const LeadQuery& q, const Filter& visible,
                               bool few);

  std::atomic<uint64_t> commits_{0};  // write transactions committed through this store
  const Dialect dialect_;             // points at commits_
  const std::string connect_;
  const size_t pool_size_;
  const int busy_timeout_ms_;
  std::unique_ptr<soci::connection_pool> pool_;
  ListCache list_cache_;  // thread-safe itself

  // Fresh()'s reading, guarded by fresh_mu_: valid while younger than kFreshFor, no write
  // committed through this store since before it was read, and not older than the newest
  // version DataVersion() has read (fresh_floor_).
  std::mutex fresh_mu_;
  bool fresh_valid_ = false;
  Freshness fresh_;
  std::chrono::steady_clock::time_point fresh_at_;
  uint64_t fresh_commits_ = 0;
  int64_t fresh_floor_ = 0;

  // GetSession's readings on PostgreSQL, by token hash, under the same rule (a session ended or
  // an account changed through another server is refused there within kFreshFor; through this
  // store, at once). Guarded by sessions_mu_; cleared when it holds kMaxCachedSessions.
  struct CachedSession {
    SessionWithUser value;
    std::chrono::steady_clock::time_point read_at;
    uint64_t commits = 0;
  };
  static constexpr size_t kMaxCachedSessions = 10'000;
  std::mutex sessions_mu_;
  std::unordered_map<std::string, CachedSession> sessions_;
};

}  // namespace leadscore::store

#include "store/schema.h"

#include <string>
#include <vector>

#include "core/clock.h"
#include "core/lead.h"
#include "store/sql_util.h"

namespace leadscore::store {

namespace {

std::string LeadsTable() {
  std::string ddl =
      "CREATE TABLE leads ("
      " id {ID},"
      " name TEXT NOT NULL,"
      " phone TEXT NOT NULL,";
  for (const auto& c : kBankColumns) {
    ddl += " " + std::string(c.sql_name) + (c.kind == ColumnKind::kNumeric ? " {REAL}," : " TEXT,");
  }
  ddl +=
      " extra_json TEXT NOT NULL DEFAULT '{}',"
      " outcome SMALLINT CHECK (outcome IN (0, 1)),"
      " status TEXT NOT NULL DEFAULT 'pending'"
      "   CHECK (status IN ('pending', 'contacted', 'converted', 'rejected')),"
      " owner_id BIGINT REFERENCES users(id),"
      " status_changed_at BIGINT NOT NULL,"
      " callback_at BIGINT,"
      " created_at BIGINT NOT NULL,"
      " updated_at BIGINT NOT NULL)";
  return ddl;
}

// Migration 1: the whole first schema.
std::vector<std::string> Version1() {
  return {
      "CREATE TABLE users ("
      " id {ID},"
      " username TEXT NOT NULL UNIQUE,"
      " display_name TEXT NOT NULL,"
      " role TEXT NOT NULL CHECK (role IN ('admin', 'sales')),"
      " password_hash TEXT NOT NULL,"
      " active {BOOL} NOT NULL DEFAULT TRUE,"
      " created_at BIGINT NOT NULL,"
      " updated_at BIGINT NOT NULL)",

      "CREATE TABLE sessions ("
      " token_hash TEXT PRIMARY KEY,"
      " user_id BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,"
      " created_at BIGINT NOT NULL,"
      " expires_at BIGINT NOT NULL)",
      "CREATE INDEX sessions_user ON sessions(user_id)",
      "CREATE INDEX sessions_expiry ON sessions(expires_at)",

      "CREATE TABLE login_attempts ("
      " attempt_key TEXT PRIMARY KEY,"
      " failures BIGINT NOT NULL,"
      " last_failure_at BIGINT NOT NULL)",

      LeadsTable(),
      "CREATE INDEX leads_status_owner ON leads(status, owner_id, status_changed_at)",
      "CREATE INDEX leads_owner_callback ON leads(owner_id, callback_at)",
      "CREATE INDEX leads_name ON leads(name, id)",
      "CREATE INDEX leads_age ON leads(age, id)",
      "CREATE INDEX leads_status_changed ON leads(status_changed_at, id)",

      "CREATE TABLE scores ("
      " lead_id BIGINT PRIMARY KEY REFERENCES leads(id) ON DELETE CASCADE,"
      " score {REAL} NOT NULL,"
      " previous_score {REAL},"
      " grade TEXT NOT NULL CHECK (grade IN ('A', 'B', 'C', 'D')),"
      " model_version BIGINT NOT NULL,"
      " reasons_json TEXT NOT NULL DEFAULT '[]',"
      " scored_at BIGINT NOT NULL)",
      "CREATE INDEX scores_rank ON scores(score DESC, lead_id)",
      "CREATE INDEX scores_grade ON scores(grade, score DESC, lead_id)",

      // The refresh running now (its run id); score_staging below was dropped by version 4.
      "CREATE TABLE score_runs ("
      " id {ID},"
      " model_version BIGINT NOT NULL,"
      " started_at BIGINT NOT NULL)",
      "CREATE TABLE score_staging ("
      " run_id BIGINT NOT NULL,"
      " lead_id BIGINT NOT NULL,"
      " score {REAL} NOT NULL,"
      " grade TEXT NOT NULL,"
      " model_version BIGINT NOT NULL,"
      " reasons_json TEXT NOT NULL,"
      " scored_at BIGINT NOT NULL,"
      " PRIMARY KEY (run_id, lead_id))",

      "CREATE TABLE model_versions ("
      " id {ID},"
      " created_at BIGINT NOT NULL,"
      " created_by TEXT NOT NULL,"
      " active {BOOL} NOT NULL DEFAULT FALSE,"
      " validation_auc {REAL} NOT NULL,"
      " metrics_json TEXT NOT NULL,"
      " pipeline_json TEXT NOT NULL,"
      " booster_json TEXT NOT NULL,"
      " data_fingerprint TEXT NOT NULL)",
      // At most one active version, enforced by the database itself.
      "CREATE UNIQUE INDEX model_versions_one_active ON model_versions(active) WHERE active",

      "CREATE TABLE activity ("
      " id {ID},"
      " at BIGINT NOT NULL,"
      " user_id BIGINT NOT NULL REFERENCES users(id),"
      " lead_id BIGINT NOT NULL,"  // no foreign key: the log outlives a deleted lead
      " from_status TEXT NOT NULL,"
      " to_status TEXT NOT NULL,"
      " callback_at BIGINT,"
      " note TEXT NOT NULL DEFAULT '')",
      "CREATE INDEX activity_user ON activity(user_id, at)",
      "CREATE INDEX activity_lead ON activity(lead_id, at)",
      "CREATE INDEX activity_at ON activity(at)",

      "CREATE TABLE jobs ("
      " id {ID},"
      " kind TEXT NOT NULL,"
      " state TEXT NOT NULL CHECK (state IN ('queued', 'running', 'done', 'failed')),"
      " done BIGINT NOT NULL DEFAULT 0,"
      " total BIGINT NOT NULL DEFAULT 0,"
      " error TEXT NOT NULL DEFAULT '',"
      " started_by TEXT NOT NULL,"
      " started_at BIGINT NOT NULL,"
      " finished_at BIGINT)",
      "CREATE INDEX jobs_kind_state ON jobs(kind, state)",

      "CREATE TABLE segmentations ("
      " id {ID},"
      " name TEXT NOT NULL UNIQUE,"
      " created_at BIGINT NOT NULL,"
      " created_by TEXT NOT NULL,"
      " is_default {BOOL} NOT NULL DEFAULT FALSE,"
      " model_json TEXT NOT NULL)",
      "CREATE UNIQUE INDEX segmentations_one_default ON segmentations(is_default) WHERE is_default",

      "CREATE TABLE lead_clusters ("
      " segmentation_id BIGINT NOT NULL REFERENCES segmentations(id) ON DELETE CASCADE,"
      " lead_id BIGINT NOT NULL REFERENCES leads(id) ON DELETE CASCADE,"
      " cluster INTEGER NOT NULL,"
      " PRIMARY KEY (segmentation_id, lead_id))",
      "CREATE INDEX lead_clusters_cluster ON lead_clusters(segmentation_id, cluster, lead_id)",
  };
}

// Migration 2: settings shared by every server (the admin's grade bands), and the time of each
// user's last sign-in.
std::vector<std::string> Version2() {
  return {
      "CREATE TABLE settings ("
      " name TEXT PRIMARY KEY,"
      " value_json TEXT NOT NULL,"
      " updated_at BIGINT NOT NULL,"
      " updated_by TEXT NOT NULL)",

      "ALTER TABLE users ADD COLUMN last_login_at BIGINT",
  };
}

// Migration 3: the data version, one row that every write of leads, statuses, scores or lead
// clusters increments in its own transaction. Caches of list totals are keyed by it, so every
// server on one database sees another's writes.
std::vector<std::string> Version3() {
  return {
      "CREATE TABLE data_version ("
      " id INTEGER PRIMARY KEY CHECK (id = 1),"
      " version BIGINT NOT NULL)",
      "INSERT INTO data_version(id, version) VALUES (1, 0)",
  };
}

// Migration 4: a refresh writes its scores into a table of its own (scores_next, created and
// swapped in by the refresh itself), so the staging table of version 1 goes.
std::vector<std::string> Version4() {
  return {
      "DROP TABLE score_staging",
  };
}

// Migration 5: call attempts. A lead counts its attempts and keeps the time of the last; the
// activity log holds attempts beside status changes (kind 'attempt', with its outcome and, for
// not_interested, a reason).
std::vector<std::string> Version5() {
  return {
      "ALTER TABLE leads ADD COLUMN attempts BIGINT NOT NULL DEFAULT 0",
      "ALTER TABLE leads ADD COLUMN last_attempt_at BIGINT",
      "ALTER TABLE activity ADD COLUMN kind TEXT NOT NULL DEFAULT 'status'"
      "   CHECK (kind IN ('status', 'attempt'))",
      "ALTER TABLE activity ADD COLUMN outcome TEXT",
      "ALTER TABLE activity ADD COLUMN reason TEXT NOT NULL DEFAULT ''",
      "CREATE INDEX activity_kind_at ON activity(kind, at)",
  };
}

// Migration 6: campaign history, the labelled rows of past campaigns that train the model and
// that no call list shows (docs/MODEL.md, "Pipeline", step 1). Each row keeps its columns as
// one JSON object, so a bank's own columns need no schema change.
std::vector<std::string> Version6() {
  return {
      "CREATE TABLE history ("
      " id {ID},"
      " source TEXT NOT NULL CHECK (source IN ('import', 'portal')),"
      " data_json TEXT NOT NULL,"
      " outcome {BOOL} NOT NULL,"
      " created_at BIGINT NOT NULL,"
      " created_by TEXT NOT NULL)",
  };
}

// The kinds of activity rows from version 7 on (ActivityEntry::kind in store.h).
constexpr const char* kActivityKinds =
    "'status', 'attempt', 'assign', 'release', 'do_not_call', 'call_allowed'";

// Migration 7: the sales floor (docs/ARCHITECTURE.md, "The sales floor"). A lead keeps its
// do-not-call mark and the anchor of its follow-up (the owner's last activity, or a later
// call-back), from which a contacted lead left alone returns to the team; an index finds the
// next of those returns.
// The numbers of customers who asked not to be called are kept, so a lead imported later with
// one arrives marked. The activity log gets the kinds of an admin's assignment and release and
// of the mark, with the sales person given or released (`subject_id`, no foreign key: the log
// outlives a deleted account). SQLite cannot change a CHECK in place, so it copies the log
// into a new table; PostgreSQL replaces the constraint.
std::vector<std::string> Version7(Engine engine) {
  std::vector<std::string> out = {
      "ALTER TABLE leads ADD COLUMN do_not_call SMALLINT NOT NULL DEFAULT 0"
      "   CHECK (do_not_call IN (0, 1))",
      "ALTER TABLE leads ADD COLUMN followup_at BIGINT NOT NULL DEFAULT 0",
      "UPDATE leads SET followup_at = status_changed_at",
      "UPDATE leads SET followup_at = last_attempt_at"
      " WHERE last_attempt_at IS NOT NULL AND last_attempt_at > followup_at",
      "UPDATE leads SET followup_at = callback_at"
      " WHERE callback_at IS NOT NULL AND callback_at > followup_at",
      "CREATE INDEX leads_followup ON leads(status, followup_at)",
      "CREATE TABLE do_not_call_numbers ("
      " phone_e164 TEXT PRIMARY KEY,"
      " lead_id BIGINT NOT NULL,"
      " user_id BIGINT NOT NULL,"
      " at BIGINT NOT NULL,"
      " note TEXT NOT NULL DEFAULT '')",
  };
  const std::string kinds = kActivityKinds;
  if (engine == Engine::kPostgres) {
    out.push_back("ALTER TABLE activity DROP CONSTRAINT IF EXISTS activity_kind_check");
    out.push_back("ALTER TABLE activity ADD CONSTRAINT activity_kind_check CHECK (kind IN (" +
                  kinds + "))");
    out.push_back("ALTER TABLE activity ADD COLUMN subject_id BIGINT");
  } else {
    const std::string columns =
        "id, at, user_id, lead_id, from_status, to_status, callback_at, note, kind, outcome, "
        "reason";
    out.push_back(
        "CREATE TABLE activity_next ("
        " id {ID},"
        " at BIGINT NOT NULL,"
        " user_id BIGINT NOT NULL REFERENCES users(id),"
        " lead_id BIGINT NOT NULL,"
        " from_status TEXT NOT NULL,"
        " to_status TEXT NOT NULL,"
        " callback_at BIGINT,"
        " note TEXT NOT NULL DEFAULT '',"
        " kind TEXT NOT NULL DEFAULT 'status' CHECK (kind IN (" + kinds + ")),"
        " outcome TEXT,"
        " reason TEXT NOT NULL DEFAULT '',"
        " subject_id BIGINT)");
    out.push_back("INSERT INTO activity_next(" + columns + ") SELECT " + columns +
                  " FROM activity");
    out.push_back("DROP TABLE activity");
    out.push_back("ALTER TABLE activity_next RENAME TO activity");
    out.push_back("CREATE INDEX activity_user ON activity(user_id, at)");
    out.push_back("CREATE INDEX activity_lead ON activity(lead_id, at)");
    out.push_back("CREATE INDEX activity_at ON activity(at)");
    out.push_back("CREATE INDEX activity_kind_at ON activity(kind, at)");
  }
  out.push_back("CREATE INDEX activity_subject ON activity(subject_id)");
  return out;
}

// Migration 8: one customer, one lead (docs/ARCHITECTURE.md, "The sales floor"). A lead carries its
// customer key (the file's customer_id or NIK, else the phone in E.164, else an identity the portal
// made up), unique, so an import updates the lead of a customer it already has instead of adding a
// second one; and the digits of its phone as StoredPhoneDigits (core/lead_workflow.h) writes them,
// so a search finds a number however it is written. Existing leads get the digits of their phone,
// and the oldest lead of each valid number that number as its key (a later lead of the same number,
// imported before keys existed, keeps none). Made-up identities take numbers from identity_numbers,
// which starts above every row position an import could have used before.
std::vector<std::string> Version8(Engine engine) {
  std::string digits = "phone";
  for (const char* c : {" ", "+", "-", ".", "(", ")", "/"}) {
    digits = "REPLACE(" + digits + ", '" + c + "', '')";
  }
  const std::string only_digits = engine == Engine::kPostgres
                                      ? "phone_digits ~ '^[0-9]+$'"
                                      : "phone_digits NOT GLOB '*[^0-9]*'";
  return {
      "ALTER TABLE leads ADD COLUMN phone_digits TEXT NOT NULL DEFAULT ''",
      "UPDATE leads SET phone_digits = " + digits,
      "UPDATE leads SET phone_digits = CASE"
      " WHEN phone_digits LIKE '00%' THEN SUBSTR(phone_digits, 3)"
      " WHEN phone_digits LIKE '0%' THEN '62' || SUBSTR(phone_digits, 2)"
      " ELSE phone_digits END",
      "UPDATE leads SET phone_digits = '62' || phone_digits"
      " WHERE phone_digits LIKE '8%' AND LENGTH(phone_digits) BETWEEN 7 AND 13 AND " +
          only_digits,
      "ALTER TABLE leads ADD COLUMN customer_key TEXT",
      "UPDATE leads SET customer_key = '+' || phone_digits"
      " WHERE LENGTH(phone_digits) BETWEEN 9 AND 15 AND phone_digits NOT LIKE '620%' AND " +
          only_digits,
      "CREATE INDEX leads_customer_key_first ON leads(customer_key, id)",
      "UPDATE leads SET customer_key = NULL WHERE customer_key IS NOT NULL AND EXISTS"
      " (SELECT 1 FROM leads o WHERE o.customer_key = leads.customer_key AND o.id < leads.id)",
      "DROP INDEX leads_customer_key_first",
      "CREATE UNIQUE INDEX leads_customer_key ON leads(customer_key)",
      "CREATE TABLE identity_numbers ("
      " id INTEGER PRIMARY KEY CHECK (id = 1),"
      " next_number BIGINT NOT NULL)",
      "INSERT INTO identity_numbers(id, next_number)"
      " SELECT 1, COALESCE(MAX(id), 0) + 1 FROM leads",
  };
}

// The kinds of activity rows from version 9 on.
constexpr const char* kActivityKinds9 =
    "'status', 'attempt', 'assign', 'release', 'do_not_call', 'call_allowed', 'undo', 'revert'";

// Migration 9: mistakes can be undone (docs/ARCHITECTURE.md, "The sales floor"). Each closing move
// (to converted or rejected) keeps the state of the lead it replaced, so that its author's undo
// restores the status, owner, call-back and times exactly, and an admin's revert knows the owner
// before it; `undone_by` is the activity row of the undo or revert that took the move back. The log
// gets the kinds of the undo and the revert (the revert's reason in `reason`). As in version 7,
// SQLite copies the log into a new table to change its CHECK.
std::vector<std::string> Version9(Engine engine) {
  std::vector<std::string> out = {
      "CREATE TABLE closing_moves ("
      " activity_id BIGINT PRIMARY KEY,"
      " lead_id BIGINT NOT NULL,"
      " prev_status TEXT NOT NULL,"
      " prev_owner_id BIGINT,"
      " prev_changed_at BIGINT NOT NULL,"
      " prev_callback_at BIGINT,"
      " prev_followup_at BIGINT NOT NULL,"
      " undone_by BIGINT)",
      "CREATE INDEX closing_moves_lead ON closing_moves(lead_id, activity_id)",
  };
  const std::string kinds = kActivityKinds9;
  if (engine == Engine::kPostgres) {
    out.push_back("ALTER TABLE activity DROP CONSTRAINT IF EXISTS activity_kind_check");
    out.push_back("ALTER TABLE activity ADD CONSTRAINT activity_kind_check CHECK (kind IN (" +
                  kinds + "))");
    return out;
  }
  const std::string columns =
      "id, at, user_id, lead_id, from_status, to_status, callback_at, note, kind, outcome, "
      "reason, subject_id";
  out.push_back(
      "CREATE TABLE activity_next ("
      " id {ID},"
      " at BIGINT NOT NULL,"
      " user_id BIGINT NOT NULL REFERENCES users(id),"
      " lead_id BIGINT NOT NULL,"
      " from_status TEXT NOT NULL,"
      " to_status TEXT NOT NULL,"
      " callback_at BIGINT,"
      " note TEXT NOT NULL DEFAULT '',"
      " kind TEXT NOT NULL DEFAULT 'status' CHECK (kind IN (" + kinds + ")),"
      " outcome TEXT,"
      " reason TEXT NOT NULL DEFAULT '',"
      " subject_id BIGINT)");
  out.push_back("INSERT INTO activity_next(" + columns + ") SELECT " + columns +
                " FROM activity");
  out.push_back("DROP TABLE activity");
  out.push_back("ALTER TABLE activity_next RENAME TO activity");
  out.push_back("CREATE INDEX activity_user ON activity(user_id, at)");
  out.push_back("CREATE INDEX activity_lead ON activity(lead_id, at)");
  out.push_back("CREATE INDEX activity_at ON activity(at)");
  out.push_back("CREATE INDEX activity_kind_at ON activity(kind, at)");
  out.push_back("CREATE INDEX activity_subject ON activity(subject_id)");
  return out;
}

// Migration 10: API tokens for pages and systems outside the portal. Only a hash of each token
// is kept (as for sessions); a revoked token keeps its row, with the time of its revocation.
std::vector<std::string> Version10() {
  return {
      "CREATE TABLE api_tokens ("
      " id {ID},"
      " name TEXT NOT NULL,"
      " token_hash TEXT NOT NULL UNIQUE,"
      " hint TEXT NOT NULL,"
      " scopes TEXT NOT NULL,"
      " created_at BIGINT NOT NULL,"
      " created_by TEXT NOT NULL,"
      " last_used_at BIGINT,"
      " revoked_at BIGINT)",
  };
}

// Migration 11: imports written in chunks. An import writes its leads in many short
// transactions, each lead marked with the import's id, and the leads of an import that is not
// 'done' are in no read (LiveLeadSql in sql_util.h): the last transaction of the import turns
// its one row of lead_imports to 'done', and every lead of the file is there at once. An import
// that failed, or whose process died, is 'failed' (or still 'writing' with nobody writing it)
// until its leads are deleted, found by the index on import_id, and its row with them. Existing
// leads keep NULL: they came before any chunked import. Done imports stay as the log of imports.
// (The id of lead_imports never comes again, so a done import's leads keep theirs.)
std::vector<std::string> Version11() {
  return {
      "CREATE TABLE lead_imports ("
      " id {ID},"
      " state TEXT NOT NULL CHECK (state IN ('writing', 'done', 'failed')),"
      " started_at BIGINT NOT NULL,"
      " finished_at BIGINT,"
      " rows_written BIGINT NOT NULL DEFAULT 0)",
      "ALTER TABLE leads ADD COLUMN import_id BIGINT",
      "CREATE INDEX leads_import ON leads(import_id)",
      // Deleting a lead checks its clusters (ON DELETE CASCADE): found by lead, not by a scan of
      // every segmentation's clusters, when a failed import's leads are deleted by thousands.
      "CREATE INDEX lead_clusters_lead ON lead_clusters(lead_id)",
  };
}

// Migration 12: a score refresh shared by every server. The refresh's owner splits its run into
// chunks by lead id range, one row each in refresh_chunks; any claimer takes an open chunk (or
// one whose lease ran out: its claimer died) by marking it claimed with its own id and the
// lease's end, and marks it done in the transaction that writes the chunk's scores. The run
// records the job the chunks count into and the grade bands they are written with. Chunks live
// as long as their run: the commit, a failure or the next refresh deletes them.
std::vector<std::string> Version12() {
  return {
      "ALTER TABLE score_runs ADD COLUMN job_id BIGINT",
      "ALTER TABLE score_runs ADD COLUMN band_a {REAL}",
      "ALTER TABLE score_runs ADD COLUMN band_b {REAL}",
      "ALTER TABLE score_runs ADD COLUMN band_c {REAL}",
      "CREATE TABLE refresh_chunks ("
      " run_id BIGINT NOT NULL,"
      " chunk BIGINT NOT NULL,"
      " min_id BIGINT NOT NULL,"
      " max_id BIGINT NOT NULL,"
      " state TEXT NOT NULL DEFAULT 'open' CHECK (state IN ('open', 'claimed', 'done')),"
      " claimer TEXT NOT NULL DEFAULT '',"
      " lease_until BIGINT NOT NULL DEFAULT 0,"
      " claims BIGINT NOT NULL DEFAULT 0,"
      " leads BIGINT NOT NULL DEFAULT 0,"
      " PRIMARY KEY (run_id, chunk))",
  };
}

// Migration 13: the call-back and follow-up indexes hold only the leads they serve. Every read
// through them names an owner (`owner_id = ...`) or the contacted status, so a pending lead
// nobody owns (every lead an import writes) has nothing to put there; leaving those out spares
// an import two of its nine index writes per lead.
std::vector<std::string> Version13() {
  return {
      "DROP INDEX leads_owner_callback",
      "CREATE INDEX leads_owner_callback ON leads(owner_id, callback_at)"
      " WHERE owner_id IS NOT NULL",
      "DROP INDEX leads_followup",
      "CREATE INDEX leads_followup ON leads(followup_at) WHERE status = 'contacted'",
  };
}

// Migration 14: scores lose reasons_json. A refresh only predicts; a lead's reasons are computed
// when its page opens (ScoringService::ExplainScore), so the column held '[]' on every row and
// was written a million times per refresh for nothing. (SQLite rewrites the table's rows.)
std::vector<std::string> Version14() {
  return {
      "ALTER TABLE scores DROP COLUMN reasons_json",
  };
}

// Every migration in order; a migration may differ by engine where the engines' DDL does.
std::vector<std::vector<std::string>> MigrationsOf(Engine engine) {
  return {Version1(), Version2(), Version3(), Version4(), Version5(), Version6(),
          Version7(engine), Version8(engine), Version9(engine), Version10(), Version11(),
          Version12(), Version13(), Version14()};
}

const std::vector<std::vector<std::string>>& Migrations(Engine engine) {
  static const std::vector<std::vector<std::string>> sqlite = MigrationsOf(Engine::kSqlite);
  static const std::vector<std::vector<std::string>> postgres = MigrationsOf(Engine::kPostgres);
  return engine == Engine::kSqlite ? sqlite : postgres;
}

}  // namespace

int Migrate(soci::session& sql, const Dialect& dialect) {
  sql << "CREATE TABLE IF NOT EXISTS schema_migrations ("
         " version INTEGER PRIMARY KEY,"
         " applied_at BIGINT NOT NULL)";
  const auto& migrations = Migrations(dialect.engine);
  for (int version = 1; version <= static_cast<int>(migrations.size()); ++version) {
    Tx tx(sql, dialect);
    if (dialect.engine == Engine::kPostgres) {
      sql << "SELECT pg_advisory_xact_lock(7215006)";  // one migrating server at a time
    }
    int applied = 0;
    sql << "SELECT COUNT(*) FROM schema_migrations WHERE version = :v", soci::use(version),
        soci::into(applied);
    if (applied > 0) continue;  // the guard rolls back the empty transaction
    for (const auto& statement : migrations[version - 1]) sql << dialect.Expand(statement);
    long long now = SystemClock().NowMs();
    sql << "INSERT INTO schema_migrations(version, applied_at) VALUES (:v, :t)",
        soci::use(version), soci::use(now);
    tx.Commit();
  }
  int version = 0;
  sql << "SELECT COALESCE(MAX(version), 0) FROM schema_migrations", soci::into(version);
  return version;
}

}  // namespace leadscore::store

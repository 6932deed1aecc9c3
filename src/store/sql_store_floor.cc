// SqlStore: the sales floor's rules (docs/ARCHITECTURE.md, "The sales floor") that are not a
// sales person's status move — an admin's assignment and release of a lead, the release of a
// leaving account's open leads, the stale return's period, and the do-not-call mark with the
// phone numbers it keeps.
//
// Like ChangeLeadStatus, each write reads the lead, applies the rules of core/lead_workflow.h
// and writes with a conditional UPDATE that repeats the state it read, with its activity rows
// and the data version in the same transaction.
#include <algorithm>
#include <cstdlib>
#include <vector>

#include "core/lead_workflow.h"
#include "store/sql_lead_rows.h"
#include "store/sql_store.h"
#include "store/sql_util.h"

namespace leadscore::store {

namespace {

// The phone in `column` as NormalizePhoneE164 (core/lead_workflow.h) writes a valid number:
// '+', then the digits with a national 0, an international 00 or a bare mobile 8 turned into
// the country code. The checks of validity are left out: a number kept in do_not_call_numbers
// is valid, and only a valid number equals one.
std::string PhoneE164Sql(const std::string& column) {
  std::string d = column;
  for (const char* c : {" ", "+", "-", ".", "(", ")", "/"}) {
    d = "REPLACE(" + d + ", '" + c + "', '')";
  }
  return "('+' || CASE WHEN " + d + " LIKE '00%' THEN SUBSTR(" + d + ", 3) WHEN " + d +
         " LIKE '0%' THEN '62' || SUBSTR(" + d + ", 2) WHEN " + d + " LIKE '8%' THEN '62' || " +
         d + " ELSE " + d + " END)";
}

// Writes the lead's status and owner if it still holds what `l` read; false if another writer
// came first.
bool WriteOwner(soci::session& sql, int64_t lead_id, const StoredLead& l, LeadStatus to,
                std::optional<int64_t> owner, TimeMs now) {
  std::string to_name = StatusName(to);
  long long id = lead_id, at = now, new_owner = owner.value_or(0);
  soci::indicator owner_ind = owner ? soci::i_ok : soci::i_null;
  soci::statement st =
      (sql.prepare << "UPDATE leads SET status = :to, owner_id = :o, status_changed_at = :at,"
                      " callback_at = NULL, followup_at = :f, updated_at = :u WHERE id = :id"
                      " AND status = :stored AND status_changed_at = :old_at"
                      " AND COALESCE(owner_id, 0) = :old_owner",
       soci::use(to_name), soci::use(new_owner, owner_ind), soci::use(at), soci::use(at),
       soci::use(at), soci::use(id), soci::use(l.status_name), soci::use(l.changed_at),
       soci::use(l.stored_owner));
  st.execute(true);
  return st.get_affected_rows() == 1;
}

}  // namespace

// --- The stale period -----------------------------------------------------------------------

TimeMs SqlStore::StalePeriodIn(soci::session& sql) {
  std::string value;
  const std::string name = kStaleContactedSetting;
  sql << "SELECT value_json FROM settings WHERE name = :n", soci::use(name), soci::into(value);
  if (!sql.got_data()) return kDefaultStalePeriod;
  // Written by the settings service as a plain integer; anything else reads as the default.
  char* end = nullptr;
  const long long days = std::strtoll(value.c_str(), &end, 10);
  if (end == value.c_str() || *end != '\0' || days < kMinStaleDays || days > kMaxStaleDays) {
    return kDefaultStalePeriod;
  }
  return days * kMsPerDay;
}

Viewer SqlStore::WithStalePeriod(soci::session& sql, const Viewer& viewer) {
  Viewer out = viewer;
  out.stale_period = StalePeriodIn(sql);
  return out;
}

// --- Releases and assignments ---------------------------------------------------------------

int64_t SqlStore::ReleaseOpenLeadsIn(soci::session& sql, int64_t user_id, int64_t actor_id,
                                     TimeMs now, const std::string& note) {
  // With no admin behind the change (the CLI), the account itself is the author.
  const int64_t author = actor_id != 0 ? actor_id : user_id;
  long long user = user_id, stale_cut = now - StalePeriodIn(sql);
  std::vector<long long> ids;
  std::vector<int> stale;
  {
    long long id = 0;
    int is_stale = 0;
    soci::statement st =
        (sql.prepare << "SELECT id, CASE WHEN followup_at <= :c THEN 1 ELSE 0 END FROM leads"
                        " WHERE owner_id = :u AND status = 'contacted' ORDER BY id",
         soci::use(stale_cut), soci::use(user), soci::into(id), soci::into(is_stale));
    st.execute();
    while (st.fetch()) {
      ids.push_back(id);
      stale.push_back(is_stale);
    }
  }
  long long at = now;
  for (size_t i = 0; i < ids.size(); ++i) {
    long long id = ids[i];
    sql << "UPDATE leads SET status = 'pending', owner_id = NULL, callback_at = NULL,"
           " status_changed_at = :at, updated_at = :u WHERE id = :id",
        soci::use(at), soci::use(at), soci::use(id);
    // A lead gone stale already read as pending; the row says so.
    LogActivity(sql, now, author, id, stale[i] ? LeadStatus::kPending : LeadStatus::kContacted,
                LeadStatus::kPending, "release", user_id, note);
  }
  return static_cast<int64_t>(ids.size());
}

Result<Assignment> SqlStore::AssignLead(int64_t lead_id, std::optional<int64_t> user_id,
                                        int64_t actor_id, TimeMs now, TimeMs reject_period) {
  return GuardResult<Assignment>("assign lead", [&]() -> Result<Assignment> {
    soci::session sql(*pool_);
    Tx tx(sql, dialect_);
    std::string assignee_name;
    if (user_id) {
      long long key = *user_id;
      std::string role;
      int active = 0;
      sql << "SELECT role, " + Dialect::BoolInt("active") + ", display_name FROM users"
             " WHERE id = :id",
          soci::use(key), soci::into(role), soci::into(active), soci::into(assignee_name);
      if (!sql.got_data()) {
        return Status::InvalidArgument("user " + std::to_string(*user_id) + " does not exist")
            .With("user_not_found", {{"id", static_cast<int64_t>(*user_id)}});
      }
      if (role != "sales") {
        return Status::InvalidArgument("user " + std::to_string(*user_id) +
                                       " is an admin; leads go to sales accounts only")
            .With("assign_to_admin");
      }
      if (!active) {
        return Status::InvalidArgument("user " + std::to_string(*user_id) +
                                       " is deactivated; give the lead to an active sales account")
            .With("assign_to_deactivated");
      }
    }
    const ReturnPeriods periods{reject_period, StalePeriodIn(sql)};
    std::optional<StoredLead> lead = ReadLead(sql, lead_id, now, periods);
    if (!lead) {
      return Status::NotFound("lead " + std::to_string(lead_id) + " does not exist")
          .With("lead_not_found", {{"id", static_cast<int64_t>(lead_id)}});
    }
    if (lead->effective != LeadStatus::kPending && lead->effective != LeadStatus::kContacted) {
      return Status::InvalidArgument("lead " + std::to_string(lead_id) + " is " +
                                     StatusName(lead->effective) +
                                     "; only pending and contacted leads can be assigned")
          .With("assign_closed_lead", {{"lead", lead_id}, {"status", StatusName(lead->effective)}});
    }
    if (user_id && lead->do_not_call) {
      return Status::InvalidArgument("lead " + std::to_string(lead_id) +
                                     " is marked do-not-call; it cannot be given to anyone")
          .With("lead_do_not_call", {{"lead", lead_id}});
    }
    Assignment out;
    out.lead_id = lead_id;
    out.from = lead->effective;
    out.to = user_id ? LeadStatus::kContacted : LeadStatus::kPending;
    out.owner_id = user_id;
    if (lead->owner == user_id) return out;  // already so: nothing to log
    const LeadStatus to = out.to;
    if (!WriteOwner(sql, lead_id, *lead, to, user_id, now)) {
      return Status::Conflict("lead " + std::to_string(lead_id) +
                              " was changed at the same moment; try again")
          .With("lead_changed_meanwhile", {{"lead", lead_id}});
    }
    // Assigned: the lead is the assignee's, taken from whoever had it. Released: back to the
    // team from its owner.
    const std::optional<int64_t> subject = user_id ? user_id : lead->owner;
    out.activity_id = LogActivity(sql, now, actor_id, lead_id, lead->effective, to,
                                  user_id ? "assign" : "release", subject, "");
    BumpDataVersion(sql);
    tx.Commit();
    return out;
  });
}

// --- Do not call ----------------------------------------------------------------------------

void SqlStore::MarkDoNotCallNumbersIn(soci::session& sql, int64_t after_id) {
  long long kept = 0, after = after_id;
  sql << "SELECT COUNT(*) FROM do_not_call_numbers", soci::into(kept);
  if (kept == 0) return;  // the usual import: nothing to match
  sql << "UPDATE leads SET do_not_call = 1 WHERE id > :a AND do_not_call = 0 AND " +
             PhoneE164Sql("phone") + " IN (SELECT phone_e164 FROM do_not_call_numbers)",
      soci::use(after);
}

Result<DoNotCallChange> SqlStore::SetDoNotCall(int64_t lead_id, bool do_not_call,
                                               int64_t actor_id, const std::string& note,
                                               TimeMs now, TimeMs reject_period) {
  if (note.size() > kMaxConsentNoteLength) {
    return Status::InvalidArgument("consent_note must have at most " +
                                   std::to_string(kMaxConsentNoteLength) + " characters")
        .With("consent_note_too_long", {{"max", static_cast<int64_t>(kMaxConsentNoteLength)}});
  }
  return GuardResult<DoNotCallChange>("set do-not-call", [&]() -> Result<DoNotCallChange> {
    soci::session sql(*pool_);
    Tx tx(sql, dialect_);
    LS_ASSIGN_OR_RETURN(const std::string actor_role, ActiveActorRole(sql, actor_id));
    const bool admin = actor_role == "admin";
    const ReturnPeriods periods{reject_period, StalePeriodIn(sql)};
    std::optional<StoredLead> lead = ReadLead(sql, lead_id, now, periods);
    const Status missing = Status::NotFound("lead " + std::to_string(lead_id) + " does not exist")
                               .With("lead_not_found", {{"id", lead_id}});
    if (!lead) return missing;
    if (!MayOpenLead({lead->effective, lead->owner, lead->do_not_call}, actor_id, admin)) {
      return missing;  // as GET /api/leads/{id} answers
    }
    if (!MayChangeDoNotCall(do_not_call, admin)) {
      return Status::PermissionDenied("only an admin may clear a do-not-call mark")
          .With("do_not_call_admin_only");
    }
    DoNotCallChange out;
    out.lead_id = lead_id;
    out.do_not_call = do_not_call;

    // The mark belongs to the customer's number: every lead with it changes, and a set mark
    // keeps the number for leads that come later.
    const std::optional<std::string> number = NormalizePhoneE164(lead->phone);
    long long id = lead_id;
    const int to = do_not_call ? 1 : 0;
    std::vector<long long> ids;
    {
      // A lead without a valid number changes alone (its number matches no other lead's).
      const std::string key = number.value_or("");
      long long found = 0;
      soci::statement st =
          (sql.prepare << "SELECT id FROM leads WHERE do_not_call <> :to AND (id = :id OR (" +
                              std::string(number ? "1 = 1" : "1 = 0") + " AND " +
                              PhoneE164Sql("phone") + " = :n)) AND " + LiveLeadSql("") +
                              " ORDER BY id",
           soci::use(to), soci::use(id), soci::use(key), soci::into(found));
      st.execute();
      while (st.fetch()) ids.push_back(found);
    }
    if (number) {
      // The leads of an import still running, with the number: marked (or cleared) as well,
      // without an entry in the log, so that they arrive as the number now is (found through
      // the index on import_id: none but the import's leads are read).
      long long at = now;
      sql << "UPDATE leads SET do_not_call = :to, updated_at = :at WHERE " + HiddenLeadSql("") +
                 " AND do_not_call <> :to2 AND " + PhoneE164Sql("phone") + " = :n",
          soci::use(to), soci::use(at), soci::use(to), soci::use(*number);
    }
    if (number) {
      if (do_not_call) {
        long long at = now, actor = actor_id;
        sql << "INSERT INTO do_not_call_numbers(phone_e164, lead_id, user_id, at, note)"
               " VALUES (:p, :l, :u, :at, :n) ON CONFLICT (phone_e164) DO NOTHING",
            soci::use(*number), soci::use(id), soci::use(actor), soci::use(at), soci::use(note);
      } else {
        sql << "DELETE FROM do_not_call_numbers WHERE phone_e164 = :p", soci::use(*number);
      }
    }
    const std::string kind = do_not_call ? "do_not_call" : "call_allowed";
    for (long long changed : ids) {
      long long at = now;
      sql << "UPDATE leads SET do_not_call = :to, updated_at = :at WHERE id = :id",
          soci::use(to), soci::use(at), soci::use(changed);
      std::optional<StoredLead> now_lead = ReadLead(sql, changed, now, periods);
      const LeadStatus status = now_lead ? now_lead->effective : LeadStatus::kPending;
      LogActivity(sql, now, actor_id, changed, status, status, kind, std::nullopt, note);
    }
    out.leads_changed = static_cast<int64_t>(ids.size());
    if (!ids.empty()) BumpDataVersion(sql);
    tx.Commit();
    return out;
  });
}

}  // namespace leadscore::store

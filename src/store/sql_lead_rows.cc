#include "store/sql_lead_rows.h"

#include "store/dialect.h"
#include "store/sql_util.h"

namespace leadscore::store {

Result<std::string> ActiveActorRole(soci::session& sql, int64_t actor_id,
                                    std::string_view only_role, std::string_view refusal) {
  long long actor = actor_id;
  std::string role;
  int active = 0;
  sql << "SELECT role, " + Dialect::BoolInt("active") + " FROM users WHERE id = :a",
      soci::use(actor), soci::into(role), soci::into(active);
  if (!sql.got_data()) {
    return Status::NotFound("user " + std::to_string(actor_id) + " does not exist")
        .With("user_not_found", {{"id", static_cast<int64_t>(actor_id)}});
  }
  if (!only_role.empty() && role != only_role) {
    return Status::PermissionDenied(std::string(refusal)).With("wrong_role");
  }
  if (!active)
    return Status::PermissionDenied("the account is deactivated").With("account_deactivated");
  return role;
}

std::optional<StoredLead> ReadLead(soci::session& sql, int64_t lead_id, TimeMs now,
                                   const ReturnPeriods& periods) {
  StoredLead l;
  long long id = lead_id, owner = 0, followup = 0;
  int dnc = 0;
  soci::indicator owner_ind = soci::i_null;
  sql << "SELECT status, owner_id, status_changed_at, followup_at, do_not_call, phone"
         " FROM leads WHERE id = :id AND " + LiveLeadSql(""),
      soci::use(id), soci::into(l.status_name), soci::into(owner, owner_ind),
      soci::into(l.changed_at), soci::into(followup), soci::into(dnc), soci::into(l.phone);
  if (!sql.got_data()) return std::nullopt;
  l.stored = ParseLeadStatus(l.status_name).value_or(LeadStatus::kPending);
  l.effective = EffectiveStatus(l.stored, l.changed_at, followup, now, periods);
  l.stored_owner = owner_ind == soci::i_null ? 0 : owner;
  if (owner_ind != soci::i_null && l.effective != LeadStatus::kPending) l.owner = owner;
  l.do_not_call = dnc != 0;
  return l;
}

long long LogActivity(soci::session& sql, TimeMs now, int64_t actor_id, int64_t lead_id,
                      LeadStatus from, LeadStatus to, const std::string& kind,
                      std::optional<int64_t> subject, const std::string& note,
                      const std::string& reason) {
  long long at = now, actor = actor_id, lead = lead_id, who = subject.value_or(0), id = 0;
  soci::indicator who_ind = subject ? soci::i_ok : soci::i_null;
  std::string from_name = StatusName(from), to_name = StatusName(to);
  sql << "INSERT INTO activity(at, user_id, lead_id, from_status, to_status, note, kind,"
         " reason, subject_id) VALUES (:at, :u, :l, :f, :t, :n, :k, :r, :s) RETURNING id",
      soci::use(at), soci::use(actor), soci::use(lead), soci::use(from_name), soci::use(to_name),
      soci::use(note), soci::use(kind), soci::use(reason), soci::use(who, who_ind),
      soci::into(id);
  return id;
}

}  // namespace leadscore::store

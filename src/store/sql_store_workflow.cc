// SqlStore: the status workflow (docs/ARCHITECTURE.md, "Status rules and visibility") and the
// activity log.
//
// ChangeLeadStatus reads the lead, applies the rules, then writes with a conditional UPDATE whose
// WHERE repeats the state it read (status, owner, status time). On PostgreSQL a racing writer
// blocks on the row and then finds the WHERE false; on SQLite BEGIN IMMEDIATE serialises the
// writers. Either way exactly one of several racing sales wins, and the activity row is written
// in the same transaction as the change.
#include "core/lead_workflow.h"
#include "store/sql_lead_rows.h"
#include "store/sql_store.h"
#include "store/sql_util.h"

namespace leadscore::store {

namespace {

// The 409 of a lead the caller may not see: no name, no status.
Status Taken(int64_t lead_id) {
  return Status::Conflict("lead " + std::to_string(lead_id) + " is taken by another sales person")
      .With("lead_taken", {{"lead", lead_id}});
}

Status DoNotCall(int64_t lead_id) {
  return Status::FailedPrecondition("lead " + std::to_string(lead_id) +
                                    " is marked do-not-call: the customer asked not to be called")
      .With("lead_do_not_call", {{"lead", lead_id}});
}

// The 409 of a lead another sales person follows up, by name when the name is known.
Status FollowedUp(int64_t lead_id, const std::string& name, soci::indicator name_ind) {
  if (name_ind == soci::i_null) {
    return Status::Conflict("lead " + std::to_string(lead_id) +
                            " is being followed up by another sales")
        .With("lead_taken", {{"lead", lead_id}});
  }
  return Status::Conflict("lead " + std::to_string(lead_id) + " is being followed up by " + name)
      .With("lead_followed_up", {{"lead", lead_id}, {"name", name}});
}

std::string Name(LeadStatus s) { return std::string(LeadStatusName(s)); }

}  // namespace

Result<StatusChange> SqlStore::ChangeLeadStatus(int64_t lead_id, int64_t actor_id, LeadStatus to,
                                                const std::string& note,
                                                std::optional<TimeMs> callback_at, TimeMs now,
                                                TimeMs reject_period) {
  LS_RETURN_IF_ERROR(ValidateStatusChange({to, note, callback_at}, now));
  return GuardResult<StatusChange>("change lead status", [&]() -> Result<StatusChange> {
    soci::session sql(*pool_);
    Tx tx(sql, dialect_);
    long long actor = actor_id, id = lead_id;
    LS_RETURN_IF_ERROR(ActiveActorRole(sql, actor_id, "sales", "only sales change a lead's status").status());

    std::string stored_name, owner_name;
    long long owner = 0, changed_at = 0, followup_at = 0, stored_callback = 0;
    int do_not_call = 0;
    soci::indicator owner_ind = soci::i_null, owner_name_ind = soci::i_null,
                    stored_callback_ind = soci::i_null;
    sql << "SELECT l.status, l.owner_id, l.status_changed_at, l.followup_at, l.callback_at,"
           " l.do_not_call, u.display_name FROM leads l LEFT JOIN users u ON u.id = l.owner_id"
           " WHERE l.id = :id AND " + LiveLeadSql("l."),
        soci::use(id), soci::into(stored_name), soci::into(owner, owner_ind),
        soci::into(changed_at), soci::into(followup_at),
        soci::into(stored_callback, stored_callback_ind), soci::into(do_not_call),
        soci::into(owner_name, owner_name_ind);
    if (!sql.got_data()) {
      return Status::NotFound("lead " + std::to_string(lead_id) + " does not exist")
          .With("lead_not_found", {{"id", static_cast<int64_t>(lead_id)}});
    }
    const LeadStatus stored = ParseLeadStatus(stored_name).value_or(LeadStatus::kPending);
    const LeadStatus from = EffectiveStatus(stored, changed_at, followup_at, now,
                                            {reject_period, StalePeriodIn(sql)});
    const bool owned = owner_ind != soci::i_null && from != LeadStatus::kPending;
    // A colleague's closed lead, which the actor may not open: a conflict (two sales racing
    // on one lead get 409) that names no one and tells nothing of its status or notes.
    ListedLead listed{from, owned ? std::optional<int64_t>(owner) : std::nullopt, do_not_call != 0};
    if (!MayOpenLead(listed, actor_id, false)) return Taken(lead_id);
    if (listed.do_not_call) return DoNotCall(lead_id);
    if (owned && owner != actor_id) {
      return FollowedUp(lead_id, owner_name, owner_name_ind);
    }
    if (!MoveAllowed(from, to)) {
      if (from == LeadStatus::kConverted) {
        return Status::InvalidArgument("lead " + std::to_string(lead_id) +
                                       " is converted; that is final")
            .With("lead_converted_final", {{"lead", lead_id}});
      }
      return Status::InvalidArgument("a " + Name(from) + " lead cannot be set to " + Name(to))
          .With("status_move_refused", {{"from", Name(from)}, {"to", Name(to)}});
    }

    std::string to_name = Name(to);
    long long at = now, stored_owner = owner_ind == soci::i_null ? 0 : owner;
    long long new_changed_at = (from == to) ? changed_at : now;
    long long callback = callback_at.value_or(0);
    soci::indicator callback_ind = callback_at ? soci::i_ok : soci::i_null;
    // The owner's activity: the follow-up of a contacted lead counts from now (or a later
    // call-back).
    long long followup = FollowUpAnchor(now, callback_at);
    soci::statement update =
        (sql.prepare << "UPDATE leads SET status = :to, owner_id = :actor,"
                        " status_changed_at = :changed, callback_at = :cb, followup_at = :f,"
                        " updated_at = :now WHERE id = :id AND status = :stored"
                        " AND status_changed_at = :old_at AND COALESCE(owner_id, 0) = :old_owner",
         soci::use(to_name), soci::use(actor), soci::use(new_changed_at),
         soci::use(callback, callback_ind), soci::use(followup), soci::use(at), soci::use(id),
         soci::use(stored_name), soci::use(changed_at), soci::use(stored_owner));
    update.execute(true);
    if (update.get_affected_rows() != 1) {
      // Someone else changed it between our read and our write: they won.
      std::string winner;
      soci::indicator winner_ind = soci::i_null;
      sql << "SELECT u.display_name FROM leads l JOIN users u ON u.id = l.owner_id"
             " WHERE l.id = :id",
          soci::use(id), soci::into(winner, winner_ind);
      return FollowedUp(lead_id, winner, winner_ind);
    }
    std::string from_name = Name(from);
    long long activity_id = 0;
    sql << "INSERT INTO activity(at, user_id, lead_id, from_status, to_status, callback_at, note)"
           " VALUES (:at, :u, :l, :f, :t, :cb, :n) RETURNING id",
        soci::use(at), soci::use(actor), soci::use(id), soci::use(from_name), soci::use(to_name),
        soci::use(callback, callback_ind), soci::use(note), soci::into(activity_id);
    if (IsClosingMove(to)) {
      // The state this move replaces, as stored, for its author's undo and an admin's revert.
      sql << "INSERT INTO closing_moves(activity_id, lead_id, prev_status, prev_owner_id,"
             " prev_changed_at, prev_callback_at, prev_followup_at)"
             " VALUES (:a, :l, :s, :o, :c, :cb, :f)",
          soci::use(activity_id), soci::use(id), soci::use(stored_name),
          soci::use(stored_owner, owner_ind), soci::use(changed_at),
          soci::use(stored_callback, stored_callback_ind), soci::use(followup_at);
    }
    BumpDataVersion(sql);
    tx.Commit();
    return StatusChange{lead_id, from, to, actor_id, activity_id};
  });
}

// --- Call attempts --------------------------------------------------------------------------

Result<AttemptRecord> SqlStore::RecordAttempt(int64_t lead_id, int64_t actor_id,
                                              const std::string& outcome, const std::string& note,
                                              const std::string& reason,
                                              std::optional<TimeMs> callback_at, TimeMs now,
                                              TimeMs reject_period) {
  const auto parsed = ParseAttemptOutcome(outcome);
  if (!parsed) {
    return Status::InvalidArgument("outcome must be " + AttemptOutcomeList())
        .With("attempt_outcome_unknown");
  }
  AttemptInput input{*parsed, note, callback_at, reason};
  LS_RETURN_IF_ERROR(ValidateAttempt(input, now));
  return GuardResult<AttemptRecord>("record attempt", [&]() -> Result<AttemptRecord> {
    soci::session sql(*pool_);
    Tx tx(sql, dialect_);
    long long actor = actor_id, id = lead_id, at = now;
    LS_RETURN_IF_ERROR(ActiveActorRole(sql, actor_id, "sales", "only sales log call attempts").status());

    std::string stored_name, owner_name;
    long long owner = 0, changed_at = 0, followup_at = 0;
    int do_not_call = 0;
    soci::indicator owner_ind = soci::i_null, owner_name_ind = soci::i_null;
    sql << "SELECT l.status, l.owner_id, l.status_changed_at, l.followup_at, l.do_not_call,"
           " u.display_name FROM leads l LEFT JOIN users u ON u.id = l.owner_id WHERE l.id = :id"
           " AND " + LiveLeadSql("l."),
        soci::use(id), soci::into(stored_name), soci::into(owner, owner_ind),
        soci::into(changed_at), soci::into(followup_at), soci::into(do_not_call),
        soci::into(owner_name, owner_name_ind);
    if (!sql.got_data()) {
      return Status::NotFound("lead " + std::to_string(lead_id) + " does not exist")
          .With("lead_not_found", {{"id", static_cast<int64_t>(lead_id)}});
    }
    const LeadStatus stored = ParseLeadStatus(stored_name).value_or(LeadStatus::kPending);
    const LeadStatus from = EffectiveStatus(stored, changed_at, followup_at, now,
                                            {reject_period, StalePeriodIn(sql)});
    const bool owned = owner_ind != soci::i_null && from != LeadStatus::kPending;
    ListedLead listed{from, owned ? std::optional<int64_t>(owner) : std::nullopt, do_not_call != 0};
    if (!MayOpenLead(listed, actor_id, false)) return Taken(lead_id);
    if (listed.do_not_call) return DoNotCall(lead_id);
    if (owned && owner != actor_id) {
      return FollowedUp(lead_id, owner_name, owner_name_ind);
    }
    if (from != LeadStatus::kPending && from != LeadStatus::kContacted) {
      return Status::InvalidArgument("a " + Name(from) + " lead takes no call attempts")
          .With("attempt_refused", {{"status", Name(from)}});
    }

    AttemptRecord record;
    record.lead_id = lead_id;
    const std::string contacted = Name(LeadStatus::kContacted);
    if (from == LeadStatus::kPending) {
      // The first attempt of a pending lead takes it, as contacting does; the WHERE repeats the
      // state read so that one of two racing callers wins.
      long long stored_owner = owner_ind == soci::i_null ? 0 : owner;
      soci::statement take =
          (sql.prepare << "UPDATE leads SET status = :to, owner_id = :actor,"
                          " status_changed_at = :now, callback_at = NULL WHERE id = :id"
                          " AND status = :stored AND status_changed_at = :old_at"
                          " AND COALESCE(owner_id, 0) = :old_owner",
           soci::use(contacted), soci::use(actor), soci::use(at), soci::use(id),
           soci::use(stored_name), soci::use(changed_at), soci::use(stored_owner));
      take.execute(true);
      if (take.get_affected_rows() != 1) {
        std::string winner;
        soci::indicator winner_ind = soci::i_null;
        sql << "SELECT u.display_name FROM leads l JOIN users u ON u.id = l.owner_id"
               " WHERE l.id = :id",
            soci::use(id), soci::into(winner, winner_ind);
        return FollowedUp(lead_id, winner, winner_ind);
      }
      const std::string pending = Name(LeadStatus::kPending);
      sql << "INSERT INTO activity(at, user_id, lead_id, from_status, to_status, note)"
             " VALUES (:at, :u, :l, :f, :t, '')",
          soci::use(at), soci::use(actor), soci::use(id), soci::use(pending),
          soci::use(contacted);
      record.took_ownership = true;
    }
    long long callback = callback_at.value_or(0);
    soci::indicator callback_ind = callback_at ? soci::i_ok : soci::i_null;
    // An attempt is the owner's activity: the follow-up counts from now, or from the call-back
    // time when that is later (FollowUpAnchor).
    if (callback_at) {
      long long followup = FollowUpAnchor(now, callback_at);
      sql << "UPDATE leads SET attempts = attempts + 1, last_attempt_at = :now,"
             " callback_at = :cb, followup_at = :f, updated_at = :now2 WHERE id = :id",
          soci::use(at), soci::use(callback), soci::use(followup), soci::use(at), soci::use(id);
    } else {
      long long at2 = now, at3 = now;
      sql << "UPDATE leads SET attempts = attempts + 1, last_attempt_at = :now,"
             " followup_at = CASE WHEN callback_at IS NOT NULL AND callback_at > :now2"
             " THEN callback_at ELSE :now3 END, updated_at = :now4 WHERE id = :id",
          soci::use(at), soci::use(at2), soci::use(at3), soci::use(at), soci::use(id);
    }
    long long activity_id = 0;
    sql << "INSERT INTO activity(at, user_id, lead_id, from_status, to_status, callback_at, note,"
           " kind, outcome, reason) VALUES (:at, :u, :l, :f, :t, :cb, :n, 'attempt', :o, :r)"
           " RETURNING id",
        soci::use(at), soci::use(actor), soci::use(id), soci::use(contacted),
        soci::use(contacted), soci::use(callback, callback_ind), soci::use(note),
        soci::use(outcome), soci::use(reason), soci::into(activity_id);
    record.activity_id = activity_id;
    BumpDataVersion(sql);
    tx.Commit();
    return record;
  });
}

Result<std::vector<AttemptDayCount>> SqlStore::AttemptsPerDay(std::optional<int64_t> user_id,
                                                              TimeMs from, TimeMs to,
                                                              TimeMs utc_offset) {
  if (to < from) {
    return Status::InvalidArgument("the time range ends before it starts")
        .With("time_range_reversed");
  }
  using Out = std::vector<AttemptDayCount>;
  return GuardResult<Out>("attempts per day", [&]() -> Result<Out> {
    soci::session sql(*pool_);
    Params p;
    const std::string off = p.Add(static_cast<long long>(utc_offset));
    std::string w = "a.kind = 'attempt' AND a.at >= " + p.Add(static_cast<long long>(from)) +
                    " AND a.at < " + p.Add(static_cast<long long>(to));
    if (user_id) w += " AND a.user_id = " + p.Add(static_cast<long long>(*user_id));
    long long day = 0, n = 0;
    std::string outcome;
    soci::statement st(sql);
    st.exchange(soci::into(day));
    st.exchange(soci::into(outcome));
    st.exchange(soci::into(n));
    p.Bind(st);
    st.alloc();
    st.prepare("SELECT (a.at + " + off + ") / " + std::to_string(kMsPerDay) +
               ", a.outcome, COUNT(*) FROM activity a WHERE " + w +
               " GROUP BY 1, 2 ORDER BY 1, 2");
    st.define_and_bind();
    st.execute();
    Out out;
    while (st.fetch()) out.push_back({day * kMsPerDay - utc_offset, outcome, n});
    return out;
  });
}

// --- Activity -------------------------------------------------------------------------------

namespace {

std::string ActivityWhere(const ActivityQuery& q, Params& p) {
  std::string w = "1 = 1";
  if (q.user_id) w += " AND a.user_id = " + p.Add(static_cast<long long>(*q.user_id));
  if (q.lead_id) w += " AND a.lead_id = " + p.Add(static_cast<long long>(*q.lead_id));
  if (q.from) w += " AND a.at >= " + p.Add(static_cast<long long>(*q.from));
  if (q.to) w += " AND a.at < " + p.Add(static_cast<long long>(*q.to));
  return w;
}

}  // namespace

Result<std::vector<ActivityEntry>> SqlStore::ListActivity(const ActivityQuery& q) {
  if (q.limit < 1 || q.limit > 1000) {
    return Status::InvalidArgument("limit must be 1..1000")
        .With("limit_out_of_range", {{"min", int64_t{1}}, {"max", int64_t{1000}}});
  }
  if (q.offset < 0)
    return Status::InvalidArgument("offset must not be negative").With("offset_negative");
  using Out = std::vector<ActivityEntry>;
  return GuardResult<Out>("list activity", [&]() -> Result<Out> {
    soci::session sql(*pool_);
    Params p;
    const std::string w = ActivityWhere(q, p);
    ActivityEntry e;
    long long id = 0, at = 0, user = 0, lead = 0, callback = 0;
    std::string from, to, lead_name;
    soci::indicator callback_ind = soci::i_null, lead_name_ind = soci::i_null;
    soci::statement st(sql);
    for (auto* v : {&id, &at, &user, &lead}) st.exchange(soci::into(*v));
    st.exchange(soci::into(e.user_name));
    st.exchange(soci::into(lead_name, lead_name_ind));
    st.exchange(soci::into(from));
    st.exchange(soci::into(to));
    st.exchange(soci::into(callback, callback_ind));
    st.exchange(soci::into(e.note));
    std::string outcome;
    soci::indicator outcome_ind = soci::i_null;
    st.exchange(soci::into(e.kind));
    st.exchange(soci::into(outcome, outcome_ind));
    st.exchange(soci::into(e.reason));
    long long subject = 0;
    std::string subject_name;
    soci::indicator subject_ind = soci::i_null, subject_name_ind = soci::i_null;
    st.exchange(soci::into(subject, subject_ind));
    st.exchange(soci::into(subject_name, subject_name_ind));
    p.Bind(st);
    st.alloc();
    st.prepare("SELECT a.id, a.at, a.user_id, a.lead_id, u.display_name, l.name, a.from_status,"
               " a.to_status, a.callback_at, a.note, a.kind, a.outcome, a.reason, a.subject_id,"
               " su.display_name FROM activity a JOIN users u ON u.id = a.user_id"
               " LEFT JOIN leads l ON l.id = a.lead_id LEFT JOIN users su ON su.id = a.subject_id"
               " WHERE " +
               w + " ORDER BY a.at DESC, a.id DESC LIMIT " + std::to_string(q.limit) +
               " OFFSET " + std::to_string(q.offset));
    st.define_and_bind();
    st.execute();
    Out out;
    while (st.fetch()) {
      e.id = id;
      e.at = at;
      e.user_id = user;
      e.lead_id = lead;
      e.lead_name = lead_name_ind == soci::i_null ? "" : lead_name;
      e.from = ParseLeadStatus(from).value_or(LeadStatus::kPending);
      e.to = ParseLeadStatus(to).value_or(LeadStatus::kPending);
      e.callback_at = callback_ind == soci::i_null ? std::nullopt : std::optional<TimeMs>(callback);
      e.outcome = outcome_ind == soci::i_null ? "" : outcome;
      e.subject_id = subject_ind == soci::i_null ? 0 : subject;
      e.subject_name = subject_name_ind == soci::i_null ? "" : subject_name;
      out.push_back(e);
    }
    return out;
  });
}

Result<int64_t> SqlStore::CountActivity(const ActivityQuery& q) {
  return GuardResult<int64_t>("count activity", [&]() -> Result<int64_t> {
    soci::session sql(*pool_);
    Params p;
    const std::string w = ActivityWhere(q, p);
    return static_cast<int64_t>(CountWhere(sql, "FROM activity a WHERE " + w, p));
  });
}

Result<std::vector<TouchedLead>> SqlStore::ListTouchedLeads(int64_t user_id, const Viewer& at,
                                                            int64_t limit, int64_t offset) {
  if (limit < 1 || limit > 1000) {
    return Status::InvalidArgument("limit must be 1..1000")
        .With("limit_out_of_range", {{"min", int64_t{1}}, {"max", int64_t{1000}}});
  }
  if (offset < 0)
    return Status::InvalidArgument("offset must not be negative").With("offset_negative");
  using Out = std::vector<TouchedLead>;
  return GuardResult<Out>("list touched leads", [&]() -> Result<Out> {
    soci::session sql(*pool_);
    long long user = user_id, lead = 0, last = 0, owner = 0, changed = 0, followup = 0;
    const ReturnPeriods periods{at.reject_period, StalePeriodIn(sql)};
    std::string name, phone, status;
    double score = 0;
    soci::indicator owner_ind = soci::i_null, score_ind = soci::i_null;
    soci::statement st =
        (sql.prepare << "SELECT t.lead_id, t.last_at, l.name, l.phone, l.status, l.owner_id,"
                        " l.status_changed_at, l.followup_at, s.score FROM (SELECT lead_id,"
                        " MAX(at) AS last_at"
                        " FROM activity WHERE user_id = :u GROUP BY lead_id) t"
                        " JOIN leads l ON l.id = t.lead_id LEFT JOIN scores s ON s.lead_id = l.id"
                        " ORDER BY t.last_at DESC, t.lead_id DESC LIMIT " +
                            std::to_string(limit) + " OFFSET " + std::to_string(offset),
         soci::use(user), soci::into(lead), soci::into(last), soci::into(name), soci::into(phone),
         soci::into(status), soci::into(owner, owner_ind), soci::into(changed),
         soci::into(followup), soci::into(score, score_ind));
    st.execute();
    Out out;
    while (st.fetch()) {
      TouchedLead t;
      t.lead_id = lead;
      t.last_action_at = last;
      t.name = name;
      t.phone = phone;
      const LeadStatus stored = ParseLeadStatus(status).value_or(LeadStatus::kPending);
      t.status = EffectiveStatus(stored, changed, followup, at.now, periods);
      t.still_owned = t.status != LeadStatus::kPending && owner_ind != soci::i_null &&
                      owner == user_id;
      if (score_ind != soci::i_null) t.score = score;
      out.push_back(std::move(t));
    }
    return out;
  });
}

Result<std::vector<DayCount>> SqlStore::ActivityPerDay(std::optional<int64_t> user_id,
                                                       TimeMs from, TimeMs to,
                                                       TimeMs utc_offset) {
  if (to < from) {
    return Status::InvalidArgument("the time range ends before it starts")
        .With("time_range_reversed");
  }
  using Out = std::vector<DayCount>;
  return GuardResult<Out>("activity per day", [&]() -> Result<Out> {
    soci::session sql(*pool_);
    Params p;
    const std::string off = p.Add(static_cast<long long>(utc_offset));
    std::string w = "a.kind = 'status' AND a.at >= " + p.Add(static_cast<long long>(from)) +
                    " AND a.at < " + p.Add(static_cast<long long>(to));
    if (user_id) w += " AND a.user_id = " + p.Add(static_cast<long long>(*user_id));
    long long day = 0, changes = 0, converted = 0;
    soci::statement st(sql);
    st.exchange(soci::into(day));
    st.exchange(soci::into(changes));
    st.exchange(soci::into(converted));
    p.Bind(st);
    st.alloc();
    st.prepare("SELECT (a.at + " + off + ") / " + std::to_string(kMsPerDay) +
               ", COUNT(*), SUM(CASE WHEN a.to_status = 'converted' AND c.undone_by IS NULL"
               " THEN 1 ELSE 0 END) FROM activity a LEFT JOIN closing_moves c"
               " ON c.activity_id = a.id WHERE " + w + " GROUP BY 1 ORDER BY 1");
    st.define_and_bind();
    st.execute();
    Out out;
    while (st.fetch()) out.push_back(DayCount{day * kMsPerDay - utc_offset, changes, converted});
    return out;
  });
}

}  // namespace leadscore::store

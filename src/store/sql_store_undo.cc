// SqlStore: mistakes can be undone (docs/ARCHITECTURE.md) — the author's undo of a closing move
// within kUndoWindow, and an admin's revert of a closed lead at any time, with a reason.
//
// A closing move (ChangeLeadStatus to converted or rejected) keeps the state it replaced in
// closing_moves. Both writes here read the lead's latest closing move, apply the rules of
// core/lead_workflow.h (JudgeUndo), and write with a conditional UPDATE that repeats the state
// read, as ChangeLeadStatus does. The undo checks the log for other people's entries only after
// its UPDATE holds the lead's row: on PostgreSQL a writer that changed the lead without
// changing its status (a do-not-call mark) has then either committed, and its entry is seen,
// or waits for this transaction; on SQLite BEGIN IMMEDIATE serialises the writers. The
// activity row, the closing move's `undone_by` and the data version go in the same
// transaction.
#include "core/lead_workflow.h"
#include "store/sql_lead_rows.h"
#include "store/sql_store.h"
#include "store/sql_util.h"

namespace leadscore::store {

namespace {

Status Missing(int64_t lead_id) {
  return Status::NotFound("lead " + std::to_string(lead_id) + " does not exist")
      .With("lead_not_found", {{"id", lead_id}});
}

// The latest closing move of a lead, with the state it replaced.
struct StoredMove {
  long long activity_id = 0;
  long long at = 0;
  long long author = 0;
  std::string from_name;  // effective status before the move
  std::string to_name;
  std::string prev_status;
  long long prev_owner = 0;
  soci::indicator prev_owner_ind = soci::i_null;
  long long prev_changed_at = 0;
  long long prev_callback = 0;
  soci::indicator prev_callback_ind = soci::i_null;
  long long prev_followup = 0;
  bool undone = false;
};

std::optional<StoredMove> LatestClosingMove(soci::session& sql, int64_t lead_id) {
  StoredMove m;
  long long id = lead_id, undone_by = 0;
  soci::indicator undone_ind = soci::i_null;
  sql << "SELECT a.id, a.at, a.user_id, a.from_status, a.to_status, c.prev_status,"
         " c.prev_owner_id, c.prev_changed_at, c.prev_callback_at, c.prev_followup_at,"
         " c.undone_by FROM closing_moves c JOIN activity a ON a.id = c.activity_id"
         " WHERE c.lead_id = :id ORDER BY c.activity_id DESC LIMIT 1",
      soci::use(id), soci::into(m.activity_id), soci::into(m.at), soci::into(m.author),
      soci::into(m.from_name), soci::into(m.to_name), soci::into(m.prev_status),
      soci::into(m.prev_owner, m.prev_owner_ind), soci::into(m.prev_changed_at),
      soci::into(m.prev_callback, m.prev_callback_ind), soci::into(m.prev_followup),
      soci::into(undone_by, undone_ind);
  if (!sql.got_data()) return std::nullopt;
  m.undone = undone_ind != soci::i_null;
  return m;
}

// Whether the lead still reads as `move` left it.
bool Unchanged(const StoredLead& lead, const StoredMove& move) {
  return !move.undone && lead.status_name == move.to_name && StatusName(lead.effective) == move.to_name &&
         lead.stored_owner == move.author && lead.changed_at == move.at;
}

void MarkUndone(soci::session& sql, long long move_id, long long by) {
  sql << "UPDATE closing_moves SET undone_by = :b WHERE activity_id = :a", soci::use(by),
      soci::use(move_id);
}

}  // namespace

Result<StatusChange> SqlStore::UndoClosingMove(int64_t lead_id, int64_t actor_id, TimeMs now,
                                               TimeMs reject_period) {
  return GuardResult<StatusChange>("undo closing move", [&]() -> Result<StatusChange> {
    soci::session sql(*pool_);
    Tx tx(sql, dialect_);
    long long id = lead_id;
    LS_RETURN_IF_ERROR(ActiveActorRole(sql, actor_id, "sales", "only sales undo their own changes").status());

    const ReturnPeriods periods{reject_period, StalePeriodIn(sql)};
    std::optional<StoredLead> lead = ReadLead(sql, lead_id, now, periods);
    if (!lead) return Missing(lead_id);
    const ListedLead listed{lead->effective, lead->owner, lead->do_not_call};
    // A lead the actor may not open reads as one that does not exist (GET /api/leads/{id}).
    if (!MayOpenLead(listed, actor_id, false)) return Missing(lead_id);

    std::optional<StoredMove> move = LatestClosingMove(sql, lead_id);
    const Status nothing =
        Status::Conflict("lead " + std::to_string(lead_id) +
                         " has no change of yours to undo: only the author of a move to"
                         " converted or rejected may undo it")
            .With("undo_nothing", {{"lead", lead_id}});
    if (!move) return nothing;
    ClosingMove judged{move->author, move->at, Unchanged(*lead, *move), false};
    switch (JudgeUndo(judged, actor_id, now)) {
      case UndoVerdict::kNotAuthor:
        return nothing;
      case UndoVerdict::kWindowOver:
        return Status::Conflict("the " + std::to_string(kUndoWindow / (60 * kMsPerSecond)) +
                                " minutes to undo lead " + std::to_string(lead_id) +
                                " are over; an admin can revert it")
            .With("undo_window_over",
                  {{"lead", lead_id},
                   {"minutes", static_cast<int64_t>(kUndoWindow / (60 * kMsPerSecond))}});
      case UndoVerdict::kChangedSince:
      case UndoVerdict::kAllowed: break;
    }
    const Status changed =
        Status::Conflict("lead " + std::to_string(lead_id) +
                         " has changed since your move; it can no longer be undone")
            .With("undo_changed_since", {{"lead", lead_id}});
    if (!judged.lead_unchanged) return changed;

    // Restore the row exactly as it was, if it still holds what was read.
    long long at = now;
    soci::statement update =
        (sql.prepare << "UPDATE leads SET status = :s, owner_id = :o, status_changed_at = :c,"
                        " callback_at = :cb, followup_at = :f, updated_at = :u WHERE id = :id"
                        " AND status = :stored AND status_changed_at = :old_at"
                        " AND COALESCE(owner_id, 0) = :old_owner",
         soci::use(move->prev_status), soci::use(move->prev_owner, move->prev_owner_ind),
         soci::use(move->prev_changed_at), soci::use(move->prev_callback, move->prev_callback_ind),
         soci::use(move->prev_followup), soci::use(at), soci::use(id),
         soci::use(lead->status_name), soci::use(lead->changed_at), soci::use(lead->stored_owner));
    update.execute(true);
    if (update.get_affected_rows() != 1) return changed;
    // The row is held now: anyone else's entry after the move is committed and seen, or waits.
    long long others = 0, move_id = move->activity_id, author = move->author;
    sql << "SELECT COUNT(*) FROM activity WHERE lead_id = :l AND id > :m AND user_id <> :a",
        soci::use(id), soci::use(move_id), soci::use(author), soci::into(others);
    judged.others_acted_since = others > 0;
    if (JudgeUndo(judged, actor_id, now) != UndoVerdict::kAllowed) {
      return changed;  // the guard rolls the restore back
    }

    const LeadStatus closed = ParseLeadStatus(move->to_name).value_or(LeadStatus::kConverted);
    const LeadStatus prev = ParseLeadStatus(move->prev_status).value_or(LeadStatus::kPending);
    const LeadStatus back = EffectiveStatus(prev, move->prev_changed_at, move->prev_followup, now,
                                            periods);
    const long long entry =
        LogActivity(sql, now, actor_id, lead_id, closed, back, "undo", std::nullopt, "");
    MarkUndone(sql, move_id, entry);
    BumpDataVersion(sql);
    tx.Commit();
    const bool back_owned = move->prev_owner_ind != soci::i_null && back != LeadStatus::kPending;
    return StatusChange{lead_id, closed, back, back_owned ? move->prev_owner : 0, entry};
  });
}

Result<StatusChange> SqlStore::RevertClosedLead(int64_t lead_id, int64_t actor_id,
                                                const std::string& reason, TimeMs now,
                                                TimeMs reject_period) {
  LS_RETURN_IF_ERROR(ValidateRevertReason(reason));
  return GuardResult<StatusChange>("revert closed lead", [&]() -> Result<StatusChange> {
    soci::session sql(*pool_);
    Tx tx(sql, dialect_);
    long long id = lead_id;
    LS_RETURN_IF_ERROR(ActiveActorRole(sql, actor_id, "admin", "only an admin reverts a lead").status());

    const ReturnPeriods periods{reject_period, StalePeriodIn(sql)};
    std::optional<StoredLead> lead = ReadLead(sql, lead_id, now, periods);
    if (!lead) return Missing(lead_id);
    if (!IsClosingMove(lead->effective)) {
      return Status::FailedPrecondition("lead " + std::to_string(lead_id) + " is " +
                                        StatusName(lead->effective) +
                                        "; only converted and rejected leads can be reverted")
          .With("revert_not_closed", {{"lead", lead_id}, {"status", StatusName(lead->effective)}});
    }

    // Back to the status before the closing move that closed it, with the owner then if that
    // account may still follow it up; without a record of the move, back to the team.
    std::optional<StoredMove> move = LatestClosingMove(sql, lead_id);
    if (move && !Unchanged(*lead, *move)) move.reset();
    LeadStatus to = LeadStatus::kPending;
    std::optional<int64_t> owner;
    std::optional<TimeMs> callback;
    if (move && move->from_name == StatusName(LeadStatus::kContacted) &&
        move->prev_owner_ind != soci::i_null) {
      long long who = move->prev_owner;
      std::string role;
      int active = 0;
      sql << "SELECT role, " + Dialect::BoolInt("active") + " FROM users WHERE id = :id",
          soci::use(who), soci::into(role), soci::into(active);
      if (sql.got_data() && role == "sales" && active) {
        to = LeadStatus::kContacted;
        owner = move->prev_owner;
        if (move->prev_callback_ind != soci::i_null) callback = move->prev_callback;
      }
    }

    std::string to_name = StatusName(to);
    long long at = now, new_owner = owner.value_or(0), cb = callback.value_or(0);
    long long followup = FollowUpAnchor(now, callback);
    soci::indicator owner_ind = owner ? soci::i_ok : soci::i_null;
    soci::indicator cb_ind = callback ? soci::i_ok : soci::i_null;
    soci::statement update =
        (sql.prepare << "UPDATE leads SET status = :s, owner_id = :o, status_changed_at = :c,"
                        " callback_at = :cb, followup_at = :f, updated_at = :u WHERE id = :id"
                        " AND status = :stored AND status_changed_at = :old_at"
                        " AND COALESCE(owner_id, 0) = :old_owner",
         soci::use(to_name), soci::use(new_owner, owner_ind), soci::use(at), soci::use(cb, cb_ind),
         soci::use(followup), soci::use(at), soci::use(id), soci::use(lead->status_name),
         soci::use(lead->changed_at), soci::use(lead->stored_owner));
    update.execute(true);
    if (update.get_affected_rows() != 1) {
      return Status::Conflict("lead " + std::to_string(lead_id) +
                              " was changed at the same moment; try again")
          .With("lead_changed_meanwhile", {{"lead", lead_id}});
    }
    std::string trimmed = reason;
    trimmed.erase(0, trimmed.find_first_not_of(" \t\n"));
    trimmed.erase(trimmed.find_last_not_of(" \t\n") + 1);
    const long long entry =
        LogActivity(sql, now, actor_id, lead_id, lead->effective, to, "revert", owner, "",
                    trimmed);
    if (move) MarkUndone(sql, move->activity_id, entry);
    BumpDataVersion(sql);
    tx.Commit();
    return StatusChange{lead_id, lead->effective, to, owner.value_or(0), entry};
  });
}

}  // namespace leadscore::store

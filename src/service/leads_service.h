// LeadsService: the lead use cases of the portal — the ranked call list, a lead's page, the
// follow-up status change (docs/ARCHITECTURE.md, "Status rules and visibility"), and the
// admin's create / edit / delete.
//
// The store applies those rules (ChangeLeadStatus, the visibility SQL of ListLeads);
// this service validates the request, builds the viewer from the one clock, and shapes the
// answer (allowed next statuses, history, reasons). A lead created or edited is scored at once
// through `score_one`, so no lead sits unscored while a model is active; a lead's page explains
// its score through `explain`.
//
// Holds references to the store and the clock, which must outlive it. Thread-safe.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>
#include <utility>
#include <variant>
#include <vector>

#include "core/clock.h"
#include "core/field_spec.h"
#include "core/lead.h"
#include "core/status.h"
#include "service/auth_service.h"
#include "store/store.h"

namespace leadscore {

struct LeadsOptions {
  TimeMs reject_period = kDefaultRejectPeriod;
};

enum class LeadListSort { kRank, kScoreAscending, kName, kRecent };

struct LeadListRequest {
  int64_t page = 1;
  int64_t size = kDefaultPageSize;
  LeadListSort sort = LeadListSort::kRank;
  std::optional<LeadStatus> status;
  std::optional<std::string> grade;
  // The segmentation whose clusters the items show (default: the newest one built from the
  // leads); with `segment`, only that cluster of it is listed.
  std::optional<int64_t> segmentation_id;
  std::optional<int> segment;
  std::string search;
  bool mine = false;
};

struct LeadDetail {
  LeadRow row;
  std::optional<Score> score;          // with model and time; none if unscored
  std::string reasons_json = "[]";     // the score's reasons, explained when the page is read
  std::vector<ActivityEntry> history;  // oldest first
  std::vector<LeadStatus> allowed;     // what the caller may set now
  // Until when the caller may undo the lead's latest closing move (JudgeUndo); none if they
  // may not.
  std::optional<TimeMs> undo_until;
  // Whether the caller may revert the closed lead (an admin, on a converted or rejected lead).
  bool may_revert = false;
};

struct StatusRequest {
  LeadStatus to = LeadStatus::kContacted;
  std::string note;
  std::optional<TimeMs> callback_at;
};

struct AttemptRequest {
  std::string outcome;  // AttemptOutcomeName
  std::string note;
  std::optional<TimeMs> callback_at;
  std::string reason;
};

// A value of one bank column: a number, a category, or missing.
using FieldValue = std::variant<std::monostate, double, std::string>;

// The data of a lead as sent by an admin. On create, absent fields are missing; on edit, only
// the present ones change.
struct LeadInput {
  std::optional<std::string> name;
  std::optional<std::string> phone;
  // The customer key (customer_id, NIK); unset on create: the phone in E.164, else made up.
  std::optional<std::string> customer_key;
  std::vector<std::pair<const BankColumn*, FieldValue>> fields;
  std::optional<std::string> extra_json;    // a JSON object, already checked to be one
  std::optional<std::optional<bool>> outcome;  // present: set (to a value or to unknown)
};

// Scores one lead now with the active model. kFailedPrecondition when there is no model.
using ScoreOneLead = std::function<Status(int64_t lead_id)>;
// The reasons of a lead's score (stored form, ml/reasons.h), explained with the model version
// that scored it. Scores are stored without reasons; a lead's page asks for them here.
using ExplainLeadScore =
    std::function<Result<std::string>(const Lead& lead, int64_t model_version)>;

class LeadsService {
 public:
  LeadsService(Store& store, const Clock& clock, LeadsOptions options, ScoreOneLead score_one,
               ExplainLeadScore explain = nullptr);
  LeadsService(const LeadsService&) = delete;
  LeadsService& operator=(const LeadsService&) = delete;

  // A page of the ranked list, each row with its segment (cluster and persona) in the
  // request's segmentation.
  Result<LeadPage> List(const Caller& caller, const LeadListRequest& request);
  // A page of the list as `render` writes it, kept for as long as its stamp holds: a page asked
  // again in the same list epoch is answered from memory after one read of the data version.
  using RenderPage = std::function<std::string(const LeadPage&)>;
  Result<std::shared_ptr<const std::string>> ListRendered(const Caller& caller,
                                                          const LeadListRequest& request,
                                                          const RenderPage& render);
  // The figures of the leads the list would show for the request's filters (status, grade,
  // segment, search; page, size, sort and mine are ignored).
  Result<LeadStats> Stats(const Caller& caller, const LeadListRequest& request);
  Result<LeadDetail> Detail(const Caller& caller, int64_t lead_id);
  // Sales only. kConflict "being followed up by NAME" when another sales owns the lead;
  // kFailedPrecondition for a move the rules forbid from the current status.
  Result<LeadDetail> ChangeStatus(const Caller& caller, int64_t lead_id,
                                  const StatusRequest& request);

  // A call attempt (docs/ARCHITECTURE.md, "The sales floor"), sales only: kInvalidArgument
  // for a bad outcome, a call-back in the past or a reason without not_interested; kConflict
  // when another sales owns the lead; kFailedPrecondition for a closed lead.
  Result<LeadDetail> RecordAttempt(const Caller& caller, int64_t lead_id,
                                   const AttemptRequest& request);

  Result<LeadDetail> Create(const Caller& caller, const LeadInput& input);
  Result<LeadDetail> Update(const Caller& caller, int64_t lead_id, const LeadInput& input);
  Status Delete(int64_t lead_id);

  // A lead built from a form and validated like a create (the field spec's checks, required
  // fields included), without saving it (what-if scoring).
  Result<Lead> BuildLead(const LeadInput& input) const;

  // The layout of the leads in the database (core/field_spec.h, LayoutOfCounts), judged from
  // the latest kLayoutSample leads; bank-additional when there are none. The lead form shows
  // that layout's fields.
  static constexpr int64_t kLayoutSample = 2000;
  Result<LeadLayout> DataLayout();

  Viewer ViewerOf(const Caller& caller) const;
  const LeadsOptions& options() const { return options_; }

 private:
  // Persona names of one segmentation's clusters, English and Indonesian.
  using Personas = std::vector<std::pair<std::string, std::string>>;

  // The query of the request's filters; `segmentation` receives the segmentation whose
  // clusters the rows show (none when no segmentation was built from the leads).
  Result<LeadQuery> QueryOf(const Caller& caller, const LeadListRequest& request,
                            std::optional<int64_t>& segmentation);
  // Fills each row's segment in `segmentation_id`: one query for the rows' clusters, the
  // persona names read once per segmentation.
  Status AttachSegments(int64_t segmentation_id, std::vector<LeadRow*> rows);
  Result<std::shared_ptr<const Personas>> PersonasOf(int64_t segmentation_id);
  // Rendered pages by caller and request, each with the stamp it holds for; guarded by
  // pages_mu_, at most kMaxPageBytes in all (all dropped when full, and when an epoch ends).
  struct RenderedPage {
    ListStamp stamp;
    std::shared_ptr<const std::string> text;
  };
  static constexpr size_t kMaxPageBytes = 32u << 20;
  // Applies the input to `lead`, each bank field checked by the field spec; on an `edit`, a
  // field given the value the lead already holds is not checked again.
  Status ApplyInput(const LeadInput& input, Lead& lead, bool edit) const;
  Status ScoreNow(int64_t lead_id);

  Store& store_;
  const Clock& clock_;
  const LeadsOptions options_;
  ScoreOneLead score_one_;
  ExplainLeadScore explain_;
  std::mutex personas_mu_;
  // Persona names by segmentation id (a saved segmentation never changes, and ids are not
  // reused); guarded by personas_mu_.
  std::map<int64_t, std::shared_ptr<const Personas>> personas_;
  std::mutex pages_mu_;
  std::unordered_map<std::string, RenderedPage> pages_;  // guarded by pages_mu_
  uint64_t pages_epoch_ = 0;                             // guarded by pages_mu_
  size_t page_bytes_ = 0;                                // guarded by pages_mu_
};

}  // namespace leadscore

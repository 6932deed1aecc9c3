#include "http/lead_page_json.h"

#include <cmath>
#include <optional>

#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include "core/clock.h"
#include "core/lead.h"
#include "core/status.h"

namespace leadscore::http {

namespace {

using Writer = rapidjson::Writer<rapidjson::StringBuffer>;

void Text(Writer& w, const std::string& s) {
  w.String(s.data(), static_cast<rapidjson::SizeType>(s.size()));
}

void Key(Writer& w, const char* key) { w.Key(key); }

void Number(Writer& w, double v) {
  if (std::isfinite(v)) {
    w.Double(v);
  } else {
    w.Null();
  }
}

void OptionalNumber(Writer& w, const std::optional<double>& v) {
  if (v) {
    Number(w, *v);
  } else {
    w.Null();
  }
}

void TextOrNull(Writer& w, const std::string& s) {
  if (s.empty()) {
    w.Null();
  } else {
    Text(w, s);
  }
}

void Time(Writer& w, const std::optional<TimeMs>& ms) {
  if (ms) {
    Text(w, FormatIsoTime(*ms));
  } else {
    w.Null();
  }
}

const char* Trend(const std::optional<double>& score, const std::optional<double>& previous) {
  if (!score || !previous) return "new";
  if (*score > *previous + 1e-9) return "up";
  if (*score < *previous - 1e-9) return "down";
  return "same";
}

void WriteSummary(Writer& w, const LeadRow& row, int64_t viewer_id) {
  static const BankColumn* const age = FindBankColumn("age");
  static const BankColumn* const job = FindBankColumn("job");
  const Lead& lead = row.lead;
  const bool mine = lead.owner_id && *lead.owner_id == viewer_id;
  w.StartObject();
  Key(w, "id");
  w.Int64(lead.id);
  Key(w, "name");
  Text(w, lead.name);
  Key(w, "phone");
  Text(w, lead.phone);
  Key(w, "rank");
  if (row.score && row.rank > 0) {
    w.Int64(row.rank);
  } else {
    w.Null();
  }
  Key(w, "score");
  OptionalNumber(w, row.score);
  Key(w, "previous_score");
  OptionalNumber(w, row.previous_score);
  Key(w, "trend");
  w.String(Trend(row.score, row.previous_score));
  Key(w, "grade");
  TextOrNull(w, row.grade);
  Key(w, "status");
  w.String(LeadStatusName(lead.status).data(),
           static_cast<rapidjson::SizeType>(LeadStatusName(lead.status).size()));
  Key(w, "owner");
  if (lead.owner_id) {
    w.StartObject();
    Key(w, "id");
    w.Int64(*lead.owner_id);
    Key(w, "display_name");
    Text(w, row.owner_name);
    w.EndObject();
  } else {
    w.Null();
  }
  Key(w, "followed_up_by");
  if (lead.owner_id && !mine) {
    Text(w, row.owner_name);
  } else {
    w.Null();
  }
  Key(w, "is_mine");
  w.Bool(mine);
  Key(w, "callback_at");
  Time(w, lead.callback_at);
  Key(w, "callback_due");
  w.Bool(row.callback_due);
  Key(w, "do_not_call");
  w.Bool(lead.do_not_call);
  Key(w, "attempts");
  w.Int64(lead.attempts);
  Key(w, "last_attempt_at");
  Time(w, lead.last_attempt_at);
  Key(w, "status_changed_at");
  Time(w, lead.status_changed_at > 0 ? std::optional<TimeMs>(lead.status_changed_at)
                                     : std::nullopt);
  Key(w, "age");
  if (IsMissing(lead.Number(*age))) {
    w.Null();
  } else {
    Number(w, lead.Number(*age));
  }
  Key(w, "job");
  TextOrNull(w, lead.Text(*job));
  Key(w, "segment");
  if (row.segment) {
    w.StartObject();
    Key(w, "segmentation_id");
    w.Int64(row.segment->segmentation_id);
    Key(w, "cluster");
    w.Int(row.segment->cluster);
    Key(w, "persona");
    Text(w, row.segment->persona);
    Key(w, "persona_id");
    Text(w, row.segment->persona_id);
    w.EndObject();
  } else {
    w.Null();
  }
  w.EndObject();
}

}  // namespace

std::string LeadPageText(const LeadPage& page, int64_t viewer_id, int64_t page_no, int64_t size) {
  rapidjson::StringBuffer out;
  out.Reserve(512 * (page.rows.size() + 1));
  Writer w(out);
  w.StartObject();
  Key(w, "items");
  w.StartArray();
  for (const LeadRow& row : page.rows) WriteSummary(w, row, viewer_id);
  w.EndArray();
  Key(w, "total");
  w.Int64(page.total);
  Key(w, "page");
  w.Int64(page_no);
  Key(w, "size");
  w.Int64(size);
  w.EndObject();
  return std::string(out.GetString(), out.GetSize());
}

std::string LeadSummaryText(const LeadRow& row, int64_t viewer_id) {
  rapidjson::StringBuffer out;
  Writer w(out);
  WriteSummary(w, row, viewer_id);
  return std::string(out.GetString(), out.GetSize());
}

}  // namespace leadscore::http

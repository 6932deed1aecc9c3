#include "store/lead_columns.h"

#include "core/lead_workflow.h"
#include "store/pg_native.h"

namespace leadscore::store {

std::string LeadColumns::SelectList(const std::string& p) {
  std::string s = p + "id, " + p + "name, " + p + "phone";
  for (const auto& c : kBankColumns) s += ", " + p + std::string(c.sql_name);
  for (const char* c : {"extra_json", "outcome", "status", "owner_id", "status_changed_at",
                        "callback_at", "created_at", "updated_at", "attempts", "last_attempt_at",
                        "followup_at", "do_not_call", "customer_key"}) {
    s += ", " + p + c;
  }
  return s;
}

std::string LeadColumns::DataColumns() {
  std::string s = "name, phone";
  for (const auto& c : kBankColumns) s += ", " + std::string(c.sql_name);
  return s + ", extra_json, outcome, customer_key, phone_digits";
}

std::string LeadColumns::DataPlaceholders() {
  std::string s = ":name, :phone";
  for (const auto& c : kBankColumns) s += ", :" + std::string(c.sql_name);
  return s + ", :extra_json, :outcome, :customer_key, :phone_digits";
}

std::string LeadColumns::DataAssignments() {
  std::string s = "name = :name, phone = :phone";
  for (const auto& c : kBankColumns) {
    s += ", " + std::string(c.sql_name) + " = :" + std::string(c.sql_name);
  }
  return s + ", extra_json = :extra_json, outcome = :outcome, customer_key = :customer_key" +
         ", phone_digits = :phone_digits";
}

std::string LeadColumns::DataAssignmentsFrom(const std::string& source) {
  std::string s = "name = " + source + "name, phone = " + source + "phone";
  for (const auto& c : kBankColumns) {
    s += ", " + std::string(c.sql_name) + " = " + source + std::string(c.sql_name);
  }
  for (const char* c : {"extra_json", "outcome", "customer_key", "phone_digits"}) {
    s += ", " + std::string(c) + " = " + source + c;
  }
  return s;
}

void LeadColumns::Resize(size_t n) {
  id_.resize(n);
  name_.resize(n);
  phone_.resize(n);
  for (auto& v : numeric_) v.resize(n);
  for (auto& v : numeric_ind_) v.resize(n, soci::i_null);
  for (auto& v : categorical_) v.resize(n);
  for (auto& v : categorical_ind_) v.resize(n, soci::i_null);
  extra_json_.resize(n);
  outcome_.resize(n);
  outcome_ind_.resize(n, soci::i_null);
  status_.resize(n);
  owner_id_.resize(n);
  owner_ind_.resize(n, soci::i_null);
  status_changed_at_.resize(n);
  callback_at_.resize(n);
  callback_ind_.resize(n, soci::i_null);
  created_at_.resize(n);
  updated_at_.resize(n);
  attempts_.resize(n);
  last_attempt_at_.resize(n);
  last_attempt_ind_.resize(n, soci::i_null);
  followup_at_.resize(n);
  do_not_call_.resize(n);
  customer_key_.resize(n);
  customer_key_ind_.resize(n, soci::i_null);
  phone_digits_.resize(n);
}

void LeadColumns::BindInto(soci::statement& st) {
  st.exchange(soci::into(id_));
  st.exchange(soci::into(name_));
  st.exchange(soci::into(phone_));
  for (const auto& c : kBankColumns) {
    if (c.kind == ColumnKind::kNumeric) {
      st.exchange(soci::into(numeric_[c.slot], numeric_ind_[c.slot]));
    } else {
      st.exchange(soci::into(categorical_[c.slot], categorical_ind_[c.slot]));
    }
  }
  st.exchange(soci::into(extra_json_));
  st.exchange(soci::into(outcome_, outcome_ind_));
  st.exchange(soci::into(status_));
  st.exchange(soci::into(owner_id_, owner_ind_));
  st.exchange(soci::into(status_changed_at_));
  st.exchange(soci::into(callback_at_, callback_ind_));
  st.exchange(soci::into(created_at_));
  st.exchange(soci::into(updated_at_));
  st.exchange(soci::into(attempts_));
  st.exchange(soci::into(last_attempt_at_, last_attempt_ind_));
  st.exchange(soci::into(followup_at_));
  st.exchange(soci::into(do_not_call_));
  st.exchange(soci::into(customer_key_, customer_key_ind_));
}

void LeadColumns::BindData(soci::statement& st, bool with_times) {
  st.exchange(soci::use(name_, "name"));
  st.exchange(soci::use(phone_, "phone"));
  for (const auto& c : kBankColumns) {
    const std::string name(c.sql_name);
    if (c.kind == ColumnKind::kNumeric) {
      st.exchange(soci::use(numeric_[c.slot], numeric_ind_[c.slot], name));
    } else {
      st.exchange(soci::use(categorical_[c.slot], categorical_ind_[c.slot], name));
    }
  }
  st.exchange(soci::use(extra_json_, "extra_json"));
  st.exchange(soci::use(outcome_, outcome_ind_, "outcome"));
  st.exchange(soci::use(customer_key_, customer_key_ind_, "customer_key"));
  st.exchange(soci::use(phone_digits_, "phone_digits"));
  if (!with_times) return;
  st.exchange(soci::use(status_changed_at_, "status_changed_at"));
  st.exchange(soci::use(created_at_, "created_at"));
  st.exchange(soci::use(updated_at_, "updated_at"));
}

void LeadColumns::Set(size_t i, const Lead& lead, TimeMs now) {
  id_[i] = lead.id;
  name_[i] = lead.name;
  phone_[i] = lead.phone;
  for (int k = 0; k < kNumericColumnCount; ++k) {
    const bool missing = IsMissing(lead.numeric[k]);
    numeric_[k][i] = missing ? 0.0 : lead.numeric[k];
    numeric_ind_[k][i] = missing ? soci::i_null : soci::i_ok;
  }
  for (int k = 0; k < kCategoricalColumnCount; ++k) {
    categorical_[k][i] = lead.categorical[k];
    categorical_ind_[k][i] = lead.categorical[k].empty() ? soci::i_null : soci::i_ok;
  }
  extra_json_[i] = lead.extra_json.empty() ? "{}" : lead.extra_json;
  outcome_[i] = lead.outcome.value_or(false) ? 1 : 0;
  outcome_ind_[i] = lead.outcome ? soci::i_ok : soci::i_null;
  customer_key_[i] = lead.customer_key;
  customer_key_ind_[i] = lead.customer_key.empty() ? soci::i_null : soci::i_ok;
  phone_digits_[i] = StoredPhoneDigits(lead.phone);
  status_changed_at_[i] = now;
  created_at_[i] = now;
  updated_at_[i] = now;
}

Lead LeadColumns::Get(size_t i) const {
  Lead lead;
  lead.id = id_[i];
  lead.name = name_[i];
  lead.phone = phone_[i];
  for (int k = 0; k < kNumericColumnCount; ++k) {
    lead.numeric[k] = numeric_ind_[k][i] == soci::i_null ? kMissing : numeric_[k][i];
  }
  for (int k = 0; k < kCategoricalColumnCount; ++k) {
    if (categorical_ind_[k][i] != soci::i_null) lead.categorical[k] = categorical_[k][i];
  }
  lead.extra_json = extra_json_[i];
  if (outcome_ind_[i] != soci::i_null) lead.outcome = outcome_[i] != 0;
  lead.status = ParseLeadStatus(status_[i]).value_or(LeadStatus::kPending);
  if (owner_ind_[i] != soci::i_null) lead.owner_id = owner_id_[i];
  lead.status_changed_at = status_changed_at_[i];
  if (callback_ind_[i] != soci::i_null) lead.callback_at = callback_at_[i];
  lead.created_at = created_at_[i];
  lead.updated_at = updated_at_[i];
  lead.attempts = attempts_[i];
  if (last_attempt_ind_[i] != soci::i_null) lead.last_attempt_at = last_attempt_at_[i];
  lead.followup_at = followup_at_[i];
  lead.do_not_call = do_not_call_[i] != 0;
  if (customer_key_ind_[i] != soci::i_null) lead.customer_key = customer_key_[i];
  return lead;
}

void LeadColumns::BindData(NativeStatement& st, const Lead& lead, TimeMs now) {
  int p = BindDataOnly(st, lead);
  for (int k = 0; k < 3; ++k) st.Bind(p++, int64_t{now});
}

int LeadColumns::BindDataOnly(NativeStatement& st, const Lead& lead) {
  int p = 1;
  st.Bind(p++, std::string_view(lead.name));
  st.Bind(p++, std::string_view(lead.phone));
  for (const auto& c : kBankColumns) {
    const int i = p++;
    if (c.kind == ColumnKind::kNumeric) {
      const double v = lead.numeric[c.slot];
      if (IsMissing(v)) {
        st.BindNull(i);
      } else {
        st.Bind(i, v);
      }
    } else if (lead.categorical[c.slot].empty()) {
      st.BindNull(i);
    } else {
      st.Bind(i, std::string_view(lead.categorical[c.slot]));
    }
  }
  st.Bind(p++, std::string_view(lead.extra_json.empty() ? "{}" : lead.extra_json));
  if (lead.outcome) {
    st.Bind(p++, int64_t{*lead.outcome ? 1 : 0});
  } else {
    st.BindNull(p++);
  }
  if (lead.customer_key.empty()) {
    st.BindNull(p++);
  } else {
    st.Bind(p++, std::string_view(lead.customer_key));
  }
  st.Bind(p++, std::string_view(StoredPhoneDigits(lead.phone)));
  return p;
}

void LeadColumns::AppendData(PgCopy& copy, const Lead& lead) {
  copy.AppendText(lead.name);
  copy.Tab();
  copy.AppendText(lead.phone);
  for (const auto& c : kBankColumns) {
    copy.Tab();
    if (c.kind == ColumnKind::kNumeric) {
      const double v = lead.numeric[c.slot];
      if (IsMissing(v)) {
        copy.AppendNull();
      } else {
        copy.AppendReal(v);
      }
    } else if (lead.categorical[c.slot].empty()) {
      copy.AppendNull();
    } else {
      copy.AppendText(lead.categorical[c.slot]);
    }
  }
  copy.Tab();
  copy.AppendText(lead.extra_json.empty() ? "{}" : lead.extra_json);
  copy.Tab();
  if (lead.outcome) {
    copy.AppendInt(*lead.outcome ? 1 : 0);
  } else {
    copy.AppendNull();
  }
  copy.Tab();
  if (lead.customer_key.empty()) {
    copy.AppendNull();
  } else {
    copy.AppendText(lead.customer_key);
  }
  copy.Tab();
  copy.AppendText(StoredPhoneDigits(lead.phone));
}

Lead LeadColumns::Read(const NativeStatement& st) {
  Lead lead;
  int col = 0;
  lead.id = st.Int(col++);
  lead.name = st.Text(col++);
  lead.phone = st.Text(col++);
  for (const auto& c : kBankColumns) {
    const int i = col++;
    if (c.kind == ColumnKind::kNumeric) {
      lead.numeric[c.slot] = st.IsNull(i) ? kMissing : st.Real(i);
    } else if (!st.IsNull(i)) {
      lead.categorical[c.slot] = st.Text(i);
    }
  }
  lead.extra_json = st.Text(col++);
  if (!st.IsNull(col)) lead.outcome = st.Int(col) != 0;
  ++col;
  lead.status = ParseLeadStatus(st.Text(col++)).value_or(LeadStatus::kPending);
  if (!st.IsNull(col)) lead.owner_id = st.Int(col);
  ++col;
  lead.status_changed_at = st.Int(col++);
  if (!st.IsNull(col)) lead.callback_at = st.Int(col);
  ++col;
  lead.created_at = st.Int(col++);
  lead.updated_at = st.Int(col++);
  lead.attempts = st.Int(col++);
  if (!st.IsNull(col)) lead.last_attempt_at = st.Int(col);
  ++col;
  lead.followup_at = st.Int(col++);
  lead.do_not_call = st.Int(col++) != 0;
  if (!st.IsNull(col)) lead.customer_key = st.Text(col);
  ++col;
  return lead;
}

Lead LeadColumns::Read(const PgResult& r, int row) {
  Lead lead;
  int col = 0;
  lead.id = r.Int(row, col++);
  lead.name = r.Text(row, col++);
  lead.phone = r.Text(row, col++);
  for (const auto& c : kBankColumns) {
    const int i = col++;
    if (c.kind == ColumnKind::kNumeric) {
      lead.numeric[c.slot] = r.IsNull(row, i) ? kMissing : r.Real(row, i);
    } else if (!r.IsNull(row, i)) {
      lead.categorical[c.slot] = r.Text(row, i);
    }
  }
  lead.extra_json = r.Text(row, col++);
  if (!r.IsNull(row, col)) lead.outcome = r.Int(row, col) != 0;
  ++col;
  lead.status = ParseLeadStatus(r.Text(row, col++)).value_or(LeadStatus::kPending);
  if (!r.IsNull(row, col)) lead.owner_id = r.Int(row, col);
  ++col;
  lead.status_changed_at = r.Int(row, col++);
  if (!r.IsNull(row, col)) lead.callback_at = r.Int(row, col);
  ++col;
  lead.created_at = r.Int(row, col++);
  lead.updated_at = r.Int(row, col++);
  lead.attempts = r.Int(row, col++);
  if (!r.IsNull(row, col)) lead.last_attempt_at = r.Int(row, col);
  ++col;
  lead.followup_at = r.Int(row, col++);
  lead.do_not_call = r.Int(row, col++) != 0;
  if (!r.IsNull(row, col)) lead.customer_key = r.Text(row, col);
  ++col;
  return lead;
}

}  // namespace leadscore::store

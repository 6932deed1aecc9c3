// SqlStore: API tokens.
#include "store/sql_store.h"
#include "store/sql_util.h"

namespace leadscore::store {
namespace {

const std::string kTokenColumns =
    "id, name, token_hash, hint, scopes, created_at, created_by, last_used_at, revoked_at";

// Scopes are kept as one comma-separated column: "predict,score".
std::string JoinScopes(const std::vector<std::string>& scopes) {
  std::string out;
  for (const std::string& scope : scopes) out += (out.empty() ? "" : ",") + scope;
  return out;
}

std::vector<std::string> SplitScopes(const std::string& text) {
  std::vector<std::string> out;
  size_t pos = 0;
  while (pos < text.size()) {
    size_t end = text.find(',', pos);
    if (end == std::string::npos) end = text.size();
    if (end > pos) out.push_back(text.substr(pos, end - pos));
    pos = end + 1;
  }
  return out;
}

// Reads tokens with `tail` ("WHERE ..." binding :k to `key`, or "ORDER BY ...").
std::vector<ApiToken> QueryTokens(soci::session& sql, const std::string& tail,
                                  const std::string& key) {
  ApiToken t;
  std::string scopes, bound = key;
  long long id = 0, created = 0, used = 0, revoked = 0;
  soci::indicator used_ind = soci::i_null, revoked_ind = soci::i_null;
  soci::statement st(sql);
  st.exchange(soci::into(id));
  st.exchange(soci::into(t.name));
  st.exchange(soci::into(t.token_hash));
  st.exchange(soci::into(t.hint));
  st.exchange(soci::into(scopes));
  st.exchange(soci::into(created));
  st.exchange(soci::into(t.created_by));
  st.exchange(soci::into(used, used_ind));
  st.exchange(soci::into(revoked, revoked_ind));
  if (tail.find(":k") != std::string::npos) st.exchange(soci::use(bound, "k"));
  st.alloc();
  st.prepare("SELECT " + kTokenColumns + " FROM api_tokens " + tail);
  st.define_and_bind();
  st.execute();
  std::vector<ApiToken> out;
  while (st.fetch()) {
    ApiToken row = t;
    row.id = id;
    row.scopes = SplitScopes(scopes);
    row.created_at = created;
    if (used_ind != soci::i_null) row.last_used_at = used;
    if (revoked_ind != soci::i_null) row.revoked_at = revoked;
    out.push_back(std::move(row));
  }
  return out;
}

}  // namespace

Result<int64_t> SqlStore::CreateApiToken(const ApiToken& token) {
  if (token.name.empty() || token.token_hash.empty() || token.scopes.empty()) {
    return Status::InvalidArgument("an API token needs a name, a hash and a scope");
  }
  return GuardResult<int64_t>("create API token", [&]() -> Result<int64_t> {
    soci::session sql(*pool_);
    const std::string scopes = JoinScopes(token.scopes);
    long long id = 0, created = token.created_at;
    Tx tx(sql, dialect_);
    try {
      sql << "INSERT INTO api_tokens(name, token_hash, hint, scopes, created_at, created_by)"
             " VALUES (:n, :h, :x, :s, :c, :b) RETURNING id",
          soci::use(token.name), soci::use(token.token_hash), soci::use(token.hint),
          soci::use(scopes), soci::use(created), soci::use(token.created_by), soci::into(id);
    } catch (const soci::soci_error& e) {
      if (IsUniqueViolation(e)) return Status::Conflict("the API token already exists");
      throw;
    }
    tx.Commit();
    return static_cast<int64_t>(id);
  });
}

Result<std::vector<ApiToken>> SqlStore::ListApiTokens() {
  using Out = std::vector<ApiToken>;
  return GuardResult<Out>("list API tokens", [&]() -> Result<Out> {
    soci::session sql(*pool_);
    Out tokens = QueryTokens(sql, "ORDER BY id DESC", "");
    for (ApiToken& t : tokens) t.token_hash.clear();
    return tokens;
  });
}

Result<ApiToken> SqlStore::GetApiTokenByHash(const std::string& token_hash) {
  return GuardResult<ApiToken>("get API token", [&]() -> Result<ApiToken> {
    soci::session sql(*pool_);
    auto found = QueryTokens(sql, "WHERE token_hash = :k", token_hash);
    if (found.empty()) return Status::NotFound("no such API token");
    return found.front();
  });
}

Status SqlStore::RevokeApiToken(int64_t id, TimeMs now) {
  return Guard("revoke API token", [&]() -> Status {
    soci::session sql(*pool_);
    long long key = id, at = now, exists = 0;
    Tx tx(sql, dialect_);
    sql << "SELECT COUNT(*) FROM api_tokens WHERE id = :k", soci::use(key), soci::into(exists);
    if (exists == 0) {
      return Status::NotFound("API token " + std::to_string(id) + " does not exist")
          .With("token_not_found", {{"id", static_cast<int64_t>(id)}});
    }
    sql << "UPDATE api_tokens SET revoked_at = :t WHERE id = :k AND revoked_at IS NULL",
        soci::use(at), soci::use(key);
    tx.Commit();
    return Status::Ok();
  });
}

Status SqlStore::TouchApiToken(int64_t id, TimeMs now) {
  return Guard("touch API token", [&]() -> Status {
    soci::session sql(*pool_);
    long long key = id, at = now;
    sql << "UPDATE api_tokens SET last_used_at = :t WHERE id = :k", soci::use(at),
        soci::use(key);
    return Status::Ok();
  });
}

}  // namespace leadscore::store

#include "service/auth_service.h"

#include <algorithm>
#include <cctype>
#include <vector>

#include "service/auth_crypto.h"

namespace leadscore {
namespace {

constexpr char kBadCredentials[] = "wrong username or password";

// What an API token's text starts with, so that a leaked one is recognisable; and how much of
// the text a list shows.
constexpr char kApiTokenPrefix[] = "lsk_";
constexpr size_t kApiTokenHintLength = 12;
constexpr size_t kMaxApiTokenName = 100;
// A token's last_used_at is written again only when it is older than this.
constexpr TimeMs kTokenUseResolution = 60 * kMsPerSecond;

// The key of one account's password checks from one client address. The username is compared
// without case, as the store's usernames are.
std::string ClientKey(const std::string& username, const std::string& client_address) {
  std::string key = "user:";
  for (char c : username) key += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return key + "|ip:" + client_address;
}

std::string AddressKey(const std::string& client_address) { return "ip:" + client_address; }

// How long a key with `failures` counted, the latest at `last`, must still wait at `now`.
TimeMs BackoffWait(const AuthOptions& o, int64_t free, int64_t failures, TimeMs last, TimeMs now) {
  if (failures < free) return 0;
  TimeMs delay = o.first_backoff;  // after the free failures; doubled by each one past them
  for (int64_t n = free; n < failures && delay < o.max_backoff; ++n) delay *= 2;
  return std::max<TimeMs>(0, last + std::min(delay, o.max_backoff) - now);
}

}  // namespace

AuthService::AuthService(Store& store, const Clock& clock, AuthOptions options)
    : store_(store), clock_(clock), options_(options) {}

std::optional<LoginOutcome> AuthService::CountAttempt(const std::string& client_key,
                                                      const std::string& address_key, TimeMs now) {
  std::vector<std::string> keys = {client_key};
  if (!address_key.empty()) keys.push_back(address_key);
  auto wait = store_.CountLoginAttempt(keys, now, [&](LoginAttempts& attempts) {
    // A series long past is forgotten: the attempt starts a new one.
    if (now - attempts.last_failure_at >= options_.failure_memory) attempts.failures = 0;
    const int64_t free = attempts.key == address_key ? options_.free_failures_per_address
                                                     : options_.free_failures;
    return BackoffWait(options_, free, attempts.failures, attempts.last_failure_at, now);
  });
  LoginOutcome outcome;
  if (!wait.ok()) {
    outcome.status = wait.status();
    return outcome;
  }
  if (*wait == 0) return std::nullopt;
  const TimeMs seconds = (*wait + 999) / 1000;
  outcome.status = Status::ResourceExhausted("too many wrong passwords; try again in " +
                                             std::to_string(seconds) + " second(s)")
                       .With("login_throttled", {{"seconds", int64_t{seconds}}});
  outcome.retry_after = *wait;
  return outcome;
}

LoginOutcome AuthService::Login(const std::string& username, const std::string& password,
                                const std::string& client_address) {
  LoginOutcome outcome;
  if (username.empty() || password.empty()) {
    outcome.status = Status::InvalidArgument("username and password are required")
                         .With("login_credentials_required");
    return outcome;
  }
  const TimeMs now = clock_.NowMs();
  const std::string client_key = ClientKey(username, client_address);
  const std::string address_key = AddressKey(client_address);
  // Counted as a failure now; taken back below if the password is right.
  if (auto throttled = CountAttempt(client_key, address_key, now)) return *throttled;

  auto user = store_.GetUserByUsername(username);
  bool good = false;
  if (user.ok()) {
    good = VerifyPassword(password, user->password_hash);
    // A deactivated account is named only to whoever knows its password; the attempt stays
    // counted, as every refused sign-in does.
    if (good && !user->active) {
      outcome.status =
          Status::Unauthenticated("this account is deactivated").With("account_deactivated");
      return outcome;
    }
  } else if (user.status().code() == StatusCode::kNotFound) {
    VerifyAgainstDummyHash(password);
  } else {
    outcome.status = user.status();
    return outcome;
  }
  if (!good) {
    outcome.status = Status::Unauthenticated(kBadCredentials).With("wrong_credentials");
    return outcome;
  }

  Status cleared = store_.ClearLoginFailures(client_key);
  if (cleared.ok()) cleared = store_.UncountLoginAttempt(address_key);
  if (!cleared.ok()) {
    outcome.status = cleared;
    return outcome;
  }
  // Sign-in is rare next to requests: a good moment to forget expired sessions.
  (void)store_.DeleteExpiredSessions(now);
  auto session = OpenSession(*user, /*sign_in=*/true);
  if (!session.ok()) {
    outcome.status = session.status();
    return outcome;
  }
  outcome.signed_in = std::move(*session);
  return outcome;
}

Result<SignedIn> AuthService::OpenSession(const User& user, bool sign_in) {
  SignedIn signed_in;
  signed_in.user = user;
  signed_in.token = NewSessionToken();
  Session session;
  session.token_hash = HashSessionToken(signed_in.token);
  session.user_id = user.id;
  session.created_at = clock_.NowMs();
  session.expires_at = session.created_at + options_.session_ttl;
  if (sign_in) {
    LS_RETURN_IF_ERROR(store_.CreateSignInSession(session));
    signed_in.user.last_login_at = session.created_at;
  } else {
    LS_RETURN_IF_ERROR(store_.CreateSession(session));
  }
  signed_in.expires_at = session.expires_at;
  return signed_in;
}

Result<Caller> AuthService::Authenticate(const std::string& token) {
  if (token.empty() || token.size() > 128) {
    return Status::Unauthenticated("sign in first").With("sign_in_required");
  }
  std::string token_hash = HashSessionToken(token);
  auto found = store_.GetSession(token_hash, clock_.NowMs());
  if (!found.ok()) {
    if (found.status().code() == StatusCode::kNotFound) {
      return Status::Unauthenticated("your session has ended; sign in again").With("session_ended");
    }
    return found.status();
  }
  if (!found->user.active) {
    return Status::Unauthenticated("this account is deactivated").With("account_deactivated");
  }
  return Caller{std::move(found->user), std::move(token_hash)};
}

Status AuthService::Logout(const std::string& token) {
  if (token.empty()) return Status::Ok();
  return store_.DeleteSession(HashSessionToken(token));
}

LoginOutcome AuthService::ChangePassword(const Caller& caller, const std::string& current_password,
                                         const std::string& new_password,
                                         const std::string& client_address) {
  LoginOutcome outcome;
  outcome.status = ValidateNewPassword(new_password);
  if (!outcome.status.ok()) return outcome;
  const std::string client_key = ClientKey(caller.user.username, client_address);
  if (auto throttled = CountAttempt(client_key, "", clock_.NowMs())) return *throttled;
  auto changed = [&]() -> Result<SignedIn> {
    LS_ASSIGN_OR_RETURN(User user, store_.GetUser(caller.user.id));
    if (!VerifyPassword(current_password, user.password_hash)) {
      return Status::InvalidArgument("the current password is wrong")
          .With("current_password_wrong");
    }
    LS_RETURN_IF_ERROR(store_.ClearLoginFailures(client_key));
    LS_ASSIGN_OR_RETURN(user.password_hash, HashPassword(new_password));
    user.updated_at = clock_.NowMs();
    LS_RETURN_IF_ERROR(store_.UpdateUser(user, user.id));
    LS_RETURN_IF_ERROR(store_.DeleteUserSessions(user.id));
    return OpenSession(user, /*sign_in=*/false);
  }();
  if (!changed.ok()) {
    outcome.status = changed.status();
    return outcome;
  }
  outcome.signed_in = std::move(*changed);
  return outcome;
}

Result<CreatedApiToken> AuthService::CreateApiToken(const std::string& name,
                                                    const std::vector<std::string>& scopes,
                                                    const std::string& created_by) {
  std::string trimmed = name;
  trimmed.erase(0, trimmed.find_first_not_of(" \t"));
  trimmed.erase(trimmed.find_last_not_of(" \t") + 1);
  if (trimmed.empty() || trimmed.size() > kMaxApiTokenName) {
    return Status::InvalidArgument("name must be 1 to 100 characters")
        .With("token_name_length", {{"max", int64_t{kMaxApiTokenName}}});
  }
  if (scopes.empty()) {
    return Status::InvalidArgument("scopes must name at least one scope")
        .With("token_scopes_required");
  }
  CreatedApiToken created;
  // The known scopes in their own order, each once.
  for (std::string_view known : kApiTokenScopes) {
    if (std::find(scopes.begin(), scopes.end(), known) != scopes.end()) {
      created.token.scopes.emplace_back(known);
    }
  }
  for (const std::string& scope : scopes) {
    if (std::find(std::begin(kApiTokenScopes), std::end(kApiTokenScopes), scope) ==
        std::end(kApiTokenScopes)) {
      return Status::InvalidArgument("scopes: unknown scope '" + scope.substr(0, 32) +
                                     "' (predict, score)")
          .With("token_scope_unknown", {{"scope", scope.substr(0, 32)}});
    }
  }
  created.secret = kApiTokenPrefix + NewSessionToken();
  created.token.name = trimmed;
  created.token.token_hash = HashSessionToken(created.secret);
  created.token.hint = created.secret.substr(0, kApiTokenHintLength);
  created.token.created_at = clock_.NowMs();
  created.token.created_by = created_by;
  LS_ASSIGN_OR_RETURN(created.token.id, store_.CreateApiToken(created.token));
  created.token.token_hash.clear();
  return created;
}

Result<std::vector<ApiToken>> AuthService::ListApiTokens() { return store_.ListApiTokens(); }

Status AuthService::RevokeApiToken(int64_t id) { return store_.RevokeApiToken(id, clock_.NowMs()); }

Result<TokenCaller> AuthService::AuthenticateApiToken(const std::string& token,
                                                      std::string_view scope) {
  if (token.empty() || token.size() > 128) {
    return Status::Unauthenticated("unknown API token").With("token_unknown");
  }
  auto found = store_.GetApiTokenByHash(HashSessionToken(token));
  if (!found.ok()) {
    if (found.status().code() == StatusCode::kNotFound) {
      return Status::Unauthenticated("unknown API token").With("token_unknown");
    }
    return found.status();
  }
  if (found->revoked_at) {
    return Status::Unauthenticated("this API token has been revoked").With("token_revoked");
  }
  if (std::find(found->scopes.begin(), found->scopes.end(), scope) == found->scopes.end()) {
    return Status::PermissionDenied("this API token lacks the " + std::string(scope) + " scope")
        .With("token_scope_missing", {{"scope", std::string(scope)}});
  }
  const TimeMs now = clock_.NowMs();
  if (!found->last_used_at || now - *found->last_used_at >= kTokenUseResolution) {
    // The time of use is a record, not a condition: a busy database does not refuse the call.
    (void)store_.TouchApiToken(found->id, now);
  }
  return TokenCaller{found->id, found->name};
}

}  // namespace leadscore

#include "service/auth_service.h"

#include <algorithm>
#include <cctype>

#include "service/auth_crypto.h"

namespace leadscore {
namespace {

constexpr char kBadCredentials[] = "wrong username or password";

std::string UserKey(const std::string& username) {
  std::string key = "user:";
  for (char c : username) key += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return key;
}

}  // namespace

AuthService::AuthService(Store& store, const Clock& clock, AuthOptions options)
    : store_(store), clock_(clock), options_(options) {}

Result<TimeMs> AuthService::Throttled(const std::string& key, int limit, TimeMs now) {
  LS_ASSIGN_OR_RETURN(LoginAttempts attempts, store_.GetLoginAttempts(key));
  if (attempts.failures < limit) return TimeMs{0};
  TimeMs waited = now - attempts.last_failure_at;
  return std::max<TimeMs>(0, options_.failure_window - waited);
}

Status AuthService::RecordFailure(const std::string& key, TimeMs now) {
  LS_ASSIGN_OR_RETURN(LoginAttempts attempts, store_.GetLoginAttempts(key));
  // Failures older than the window no longer count: start a new series.
  if (attempts.failures > 0 && now - attempts.last_failure_at >= options_.failure_window) {
    LS_RETURN_IF_ERROR(store_.ClearLoginFailures(key));
  }
  return store_.RecordLoginFailure(key, now).status();
}

LoginOutcome AuthService::Login(const std::string& username, const std::string& password,
                                const std::string& client_address) {
  LoginOutcome outcome;
  if (username.empty() || password.empty()) {
    outcome.status = Status::InvalidArgument("username and password are required");
    return outcome;
  }
  const TimeMs now = clock_.NowMs();
  const std::string user_key = UserKey(username);
  const std::string address_key = "ip:" + client_address;

  auto user_wait = Throttled(user_key, options_.max_failures_per_user, now);
  auto address_wait = Throttled(address_key, options_.max_failures_per_address, now);
  if (!user_wait.ok() || !address_wait.ok()) {
    outcome.status = user_wait.ok() ? address_wait.status() : user_wait.status();
    return outcome;
  }
  TimeMs wait = std::max(*user_wait, *address_wait);
  if (wait > 0) {
    outcome.status = Status::ResourceExhausted(
        "too many failed sign-ins; try again in " + std::to_string((wait + 59'999) / 60'000) +
        " minute(s)");
    outcome.retry_after = wait;
    return outcome;
  }

  auto user = store_.GetUserByUsername(username);
  bool good = false;
  if (user.ok()) {
    good = VerifyPassword(password, user->password_hash) && user->active;
  } else if (user.status().code() == StatusCode::kNotFound) {
    VerifyAgainstDummyHash(password);
  } else {
    outcome.status = user.status();
    return outcome;
  }

  if (!good) {
    Status s = RecordFailure(user_key, now);
    if (s.ok()) s = RecordFailure(address_key, now);
    outcome.status = s.ok() ? Status::Unauthenticated(kBadCredentials) : s;
    return outcome;
  }

  Status cleared = store_.ClearLoginFailures(user_key);
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
  if (token.empty() || token.size() > 128) return Status::Unauthenticated("sign in first");
  std::string token_hash = HashSessionToken(token);
  auto found = store_.GetSession(token_hash, clock_.NowMs());
  if (!found.ok()) {
    if (found.status().code() == StatusCode::kNotFound) {
      return Status::Unauthenticated("your session has ended; sign in again");
    }
    return found.status();
  }
  if (!found->user.active) return Status::Unauthenticated("this account is deactivated");
  return Caller{std::move(found->user), std::move(token_hash)};
}

Status AuthService::Logout(const std::string& token) {
  if (token.empty()) return Status::Ok();
  return store_.DeleteSession(HashSessionToken(token));
}

Result<SignedIn> AuthService::ChangePassword(const Caller& caller,
                                             const std::string& current_password,
                                             const std::string& new_password) {
  LS_RETURN_IF_ERROR(ValidateNewPassword(new_password));
  LS_ASSIGN_OR_RETURN(User user, store_.GetUser(caller.user.id));
  if (!VerifyPassword(current_password, user.password_hash)) {
    return Status::InvalidArgument("the current password is wrong");
  }
  LS_ASSIGN_OR_RETURN(user.password_hash, HashPassword(new_password));
  user.updated_at = clock_.NowMs();
  LS_RETURN_IF_ERROR(store_.UpdateUser(user));
  LS_RETURN_IF_ERROR(store_.DeleteUserSessions(user.id));
  return OpenSession(user, /*sign_in=*/false);
}

}  // namespace leadscore

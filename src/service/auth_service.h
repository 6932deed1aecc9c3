// AuthService: signing in and out, and turning a session cookie back into a user.
//
// Passwords are checked against Argon2id hashes; sessions are random tokens of which only a hash
// is stored, so a copy of the database opens no session. An unknown user, a wrong password and a
// deactivated account get the same answer and take the same time. A successful sign-in records
// its time as the user's last_login_at, with its session, in one transaction.
//
// Password guessing is slowed down, never locked out for everyone. Every password check (a
// sign-in, or the current password of a password change) is counted in the store, shared by
// every server, under the account together with the client's address, before the password is
// checked and in one atomic step with the decision (Store::CountLoginAttempt): so 40 parallel
// guesses get at most `free_failures` checks. Past those, each attempt waits an exponential
// back-off (first_backoff, doubled per failure, at most max_backoff) answered as
// kResourceExhausted with the wait. Failures from one address do not slow the same account from
// another address: the right user elsewhere always gets in. A right password clears its key. A
// sign-in is also counted per client address across accounts (password spraying), with a higher
// free count; a right password takes its own count back.
//
// API tokens let pages and systems outside the portal call the few routes their scopes name
// (`Authorization: Bearer <token>`, see http/router.h). An admin creates one (its text is
// answered once and stored only as a hash, like a session token), lists and revokes them; a
// revoked token's row is kept for the record. Each use sets the token's last_used_at, written
// at most once a minute per token.
//
// Holds references to the store and the clock, which must outlive it. Thread-safe: no state of
// its own besides its options.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/clock.h"
#include "core/status.h"
#include "store/store.h"

namespace leadscore {

struct AuthOptions {
  TimeMs session_ttl = 12 * kMsPerHour;
  // Failed password checks that are free before the back-off: of one account from one address,
  // and of one address over every account.
  int free_failures = 5;
  int free_failures_per_address = 20;
  TimeMs first_backoff = kMsPerSecond;
  TimeMs max_backoff = 15 * 60 * kMsPerSecond;
  // A series of failures with no attempt for this long is forgotten.
  TimeMs failure_memory = kMsPerHour;
};

// A new session: the token goes into the cookie and nowhere else.
struct SignedIn {
  User user;
  std::string token;
  TimeMs expires_at = 0;
};

// The outcome of a password check: a sign-in, or a password change.
struct LoginOutcome {
  Status status;        // kUnauthenticated, kResourceExhausted (throttled), kInvalidArgument
  SignedIn signed_in;   // when status is OK
  TimeMs retry_after = 0;  // when throttled: how long until the next attempt is heard
};

// The signed-in user of a request.
struct Caller {
  User user;
  std::string token_hash;
};

// The scopes an API token may carry: "predict" (/predict and /api/segments/{id}/predict) and
// "score" (POST /api/score).
inline constexpr std::string_view kApiTokenScopes[] = {"predict", "score"};

// A new API token: `secret` is the token's text, answered once and stored nowhere.
struct CreatedApiToken {
  ApiToken token;  // token_hash left empty
  std::string secret;
};

// The caller behind an API token.
struct TokenCaller {
  int64_t token_id = 0;
  std::string name;
};

class AuthService {
 public:
  AuthService(Store& store, const Clock& clock, AuthOptions options = {});
  AuthService(const AuthService&) = delete;
  AuthService& operator=(const AuthService&) = delete;

  LoginOutcome Login(const std::string& username, const std::string& password,
                     const std::string& client_address);

  // The caller behind a cookie's token: kUnauthenticated if unknown, expired or deactivated.
  Result<Caller> Authenticate(const std::string& token);

  // Ends the session of this token; an unknown token is not an error.
  Status Logout(const std::string& token);

  // Checks the current password (throttled like a sign-in from `client_address`, with the same
  // count), sets the new one, ends every session of the user and opens a fresh one for the
  // caller. A wrong current password is kInvalidArgument.
  LoginOutcome ChangePassword(const Caller& caller, const std::string& current_password,
                              const std::string& new_password, const std::string& client_address);

  // A new token named `name` (1..100 characters) with `scopes` (each of kApiTokenScopes,
  // at least one; repeated ones count once), made by `created_by`. kInvalidArgument otherwise.
  Result<CreatedApiToken> CreateApiToken(const std::string& name,
                                         const std::vector<std::string>& scopes,
                                         const std::string& created_by);
  Result<std::vector<ApiToken>> ListApiTokens();  // newest first, without hashes
  Status RevokeApiToken(int64_t id);              // kNotFound if there is no token `id`

  // The token's caller if it is known, not revoked and carries `scope`: kUnauthenticated if
  // unknown or revoked, kPermissionDenied if the scope is missing.
  Result<TokenCaller> AuthenticateApiToken(const std::string& token, std::string_view scope);

  const AuthOptions& options() const { return options_; }

 private:
  // A new session of `user`; a sign-in (not a password change) also sets last_login_at.
  Result<SignedIn> OpenSession(const User& user, bool sign_in);
  // Counts one password check under `client_key` (an account from one address) and, unless
  // empty, `address_key`: nullopt if the check may go on, else the throttled outcome to answer.
  std::optional<LoginOutcome> CountAttempt(const std::string& client_key,
                                           const std::string& address_key, TimeMs now);

  Store& store_;
  const Clock& clock_;
  const AuthOptions options_;
};

}  // namespace leadscore

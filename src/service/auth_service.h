// AuthService: signing in and out, and turning a session cookie back into a user.
//
// Passwords are checked against Argon2id hashes; sessions are random tokens of which only a hash
// is stored, so a copy of the database opens no session. Failed sign-ins are counted in the
// store per username and per client address (so the limits hold across several servers): after
// `max_failures_per_user` (or `max_failures_per_address`) failures within `failure_window`, the
// key is refused until the window since its last failure has passed. An unknown user, a wrong
// password and a deactivated account get the same answer and take the same time. A successful
// sign-in records its time as the user's last_login_at, with its session, in one transaction.
//
// Holds references to the store and the clock, which must outlive it. Thread-safe: no state of
// its own besides its options.
#pragma once

#include <cstdint>
#include <string>

#include "core/clock.h"
#include "core/status.h"
#include "store/store.h"

namespace leadscore {

struct AuthOptions {
  TimeMs session_ttl = 12 * kMsPerHour;
  int max_failures_per_user = 5;
  int max_failures_per_address = 20;
  TimeMs failure_window = 15 * 60 * kMsPerSecond;
};

// A new session: the token goes into the cookie and nowhere else.
struct SignedIn {
  User user;
  std::string token;
  TimeMs expires_at = 0;
};

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

  // Checks the current password, sets the new one, ends every session of the user and opens a
  // fresh one for the caller.
  Result<SignedIn> ChangePassword(const Caller& caller, const std::string& current_password,
                                  const std::string& new_password);

  const AuthOptions& options() const { return options_; }

 private:
  // A new session of `user`; a sign-in (not a password change) also sets last_login_at.
  Result<SignedIn> OpenSession(const User& user, bool sign_in);
  // How long `key` must still wait, 0 if it may try now.
  Result<TimeMs> Throttled(const std::string& key, int limit, TimeMs now);
  Status RecordFailure(const std::string& key, TimeMs now);

  Store& store_;
  const Clock& clock_;
  const AuthOptions options_;
};

}  // namespace leadscore

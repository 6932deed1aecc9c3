// The people of the portal and how they sign in: roles, accounts, sessions, the counts of the
// sign-in throttle and API tokens. Plain values; the store keeps them (store/store.h), the
// services decide with them (service/auth_service.h, users_service.h).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/clock.h"

namespace leadscore {

enum class Role { kAdmin, kSales };
std::string_view RoleName(Role role);  // "admin", "sales"
// The role a name stands for, nullopt for any other text (names are exact: "Admin" is none).
std::optional<Role> ParseRole(std::string_view name);

struct User {
  int64_t id = 0;
  std::string username;  // unique
  std::string display_name;
  Role role = Role::kSales;
  std::string password_hash;  // Argon2id string from libsodium; the store never sees a password
  bool active = true;
  TimeMs created_at = 0;
  TimeMs updated_at = 0;
  std::optional<TimeMs> last_login_at;  // the last successful sign-in (CreateSignInSession)
};

struct Session {
  std::string token_hash;  // the hash of the cookie's token; the token itself is never stored
  int64_t user_id = 0;
  TimeMs created_at = 0;
  TimeMs expires_at = 0;
};

struct SessionWithUser {
  Session session;
  User user;
};

// Password checks under one key (AuthService: an account from one client address, or a client
// address), shared by every server: the attempts counted since the key was last cleared, and the
// time of the latest. An attempt is counted before its password is checked (CountLoginAttempt).
struct LoginAttempts {
  std::string key;
  int64_t failures = 0;
  TimeMs last_failure_at = 0;
};

// An API token: a credential for pages and systems outside the portal, which calls only the
// routes its scopes name (router.h). Only a hash of the token is stored, as for sessions.
struct ApiToken {
  int64_t id = 0;
  std::string name;
  std::string token_hash;  // the hash of the token; the token itself is never stored
  std::string hint;        // the token's first characters, to tell tokens apart in a list
  std::vector<std::string> scopes;  // "predict", "score"
  TimeMs created_at = 0;
  std::string created_by;  // the admin's username
  std::optional<TimeMs> last_used_at;
  std::optional<TimeMs> revoked_at;  // a revoked token opens nothing; its row is kept
};

}  // namespace leadscore

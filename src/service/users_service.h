// UsersService: the accounts of the portal, managed by an admin, and the first admin created
// from the command line (the roles: README.md, "Using it").
//
// Rules kept here: usernames are 3..32 characters of a-z 0-9 . _ -; display names 1..100
// characters; passwords 10..256 characters (or generated); an admin may not deactivate, demote
// or delete their own account, and the last active admin cannot be deactivated, demoted or
// deleted. Deactivating an account or setting its password ends its sessions. A sales account
// deactivated, deleted or made admin releases its open leads to the team, so that no lead is
// stuck (docs/ARCHITECTURE.md, "The sales floor").
//
// Holds references to the store and the clock, which must outlive it. Thread-safe.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/clock.h"
#include "core/status.h"
#include "store/store.h"

namespace leadscore {

struct NewUser {
  std::string username;
  std::string display_name;
  Role role = Role::kSales;
  std::optional<std::string> password;  // generated when absent
};

struct CreatedUser {
  User user;
  std::optional<std::string> generated_password;
};

struct UserPatch {
  std::optional<std::string> display_name;
  std::optional<Role> role;
  std::optional<bool> active;
  std::optional<std::string> password;
};

struct UserFilter {
  std::optional<Role> role;
  std::optional<bool> active;
};

class UsersService {
 public:
  UsersService(Store& store, const Clock& clock);
  UsersService(const UsersService&) = delete;
  UsersService& operator=(const UsersService&) = delete;

  Result<CreatedUser> Create(const NewUser& request);
  Result<std::vector<User>> List(const UserFilter& filter);  // by username
  Result<User> Get(int64_t id);
  Result<User> Update(int64_t actor_id, int64_t id, const UserPatch& patch);
  Status Delete(int64_t actor_id, int64_t id);

  // For the CLI and demo mode: creates the account, or if the username exists sets its
  // password, role and display name and reactivates it. Returns the password in effect when it
  // was generated.
  Result<CreatedUser> CreateOrReset(const NewUser& request);
  // For demo mode: creates the account if the username is free; an existing account, its
  // password included, is left as it is (nullopt).
  Result<std::optional<CreatedUser>> CreateIfMissing(const NewUser& request);

 private:
  // kConflict if removing admin rights from `user` would leave no active admin.
  Status KeepOneAdmin(const User& user);

  Store& store_;
  const Clock& clock_;
};

// Validation shared with the CLI.
Status ValidateUsername(const std::string& username);
Status ValidateDisplayName(const std::string& display_name);

}  // namespace leadscore

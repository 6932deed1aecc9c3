#include "service/users_service.h"

#include <algorithm>

#include "service/auth_crypto.h"
#include "core/text.h"

namespace leadscore {

Status ValidateUsername(const std::string& username) {
  if (username.size() < 3 || username.size() > 32) {
    return Status::InvalidArgument("username must have 3 to 32 characters")
        .With("username_length", {{"min", int64_t{3}}, {"max", int64_t{32}}});
  }
  for (char c : username) {
    bool ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '_' ||
              c == '-';
    if (!ok) {
      return Status::InvalidArgument(
                 "username may contain only lower-case letters, digits, '.', '_' and '-'")
          .With("username_characters");
    }
  }
  return Status::Ok();
}

Status ValidateDisplayName(const std::string& display_name) {
  if (display_name.find_first_not_of(" \t") == std::string::npos) {
    return Status::InvalidArgument("display_name must not be empty").With("display_name_required");
  }
  if (display_name.size() > 100) {
    return Status::InvalidArgument("display_name must have at most 100 characters")
        .With("display_name_too_long", {{"max", int64_t{100}}});
  }
  if (HasControlCharacters(display_name)) {
    return Status::InvalidArgument("display_name must not contain control characters")
        .With("display_name_characters");
  }
  return Status::Ok();
}

UsersService::UsersService(Store& store, const Clock& clock) : store_(store), clock_(clock) {}

Result<CreatedUser> UsersService::Create(const NewUser& request) {
  LS_RETURN_IF_ERROR(ValidateUsername(request.username));
  LS_RETURN_IF_ERROR(ValidateDisplayName(request.display_name));
  CreatedUser created;
  std::string password;
  if (request.password) {
    LS_RETURN_IF_ERROR(ValidateNewPassword(*request.password));
    password = *request.password;
  } else {
    password = GeneratePassword();
    created.generated_password = password;
  }
  User user;
  user.username = request.username;
  user.display_name = request.display_name;
  user.role = request.role;
  user.active = true;
  user.created_at = user.updated_at = clock_.NowMs();
  LS_ASSIGN_OR_RETURN(user.password_hash, HashPassword(password));
  auto id = store_.CreateUser(user);
  if (!id.ok()) {
    if (id.status().code() == StatusCode::kConflict) {
      return Status::Conflict("the username '" + request.username + "' is taken")
          .With("username_taken", {{"username", request.username}});
    }
    return id.status();
  }
  user.id = *id;
  created.user = std::move(user);
  return created;
}

Result<std::vector<User>> UsersService::List(const UserFilter& filter) {
  LS_ASSIGN_OR_RETURN(std::vector<User> users, store_.ListUsers());
  std::erase_if(users, [&](const User& u) {
    return (filter.role && u.role != *filter.role) || (filter.active && u.active != *filter.active);
  });
  std::sort(users.begin(), users.end(),
            [](const User& a, const User& b) { return a.username < b.username; });
  return users;
}

Result<User> UsersService::Get(int64_t id) { return store_.GetUser(id); }

Status UsersService::KeepOneAdmin(const User& user) {
  if (user.role != Role::kAdmin || !user.active) return Status::Ok();
  LS_ASSIGN_OR_RETURN(std::vector<User> users, store_.ListUsers());
  bool another = std::any_of(users.begin(), users.end(), [&](const User& u) {
    return u.id != user.id && u.role == Role::kAdmin && u.active;
  });
  if (!another) {
    return Status::Conflict("the portal must keep at least one active admin").With("last_admin");
  }
  return Status::Ok();
}

Result<User> UsersService::Update(int64_t actor_id, int64_t id, const UserPatch& patch) {
  if (!patch.display_name && !patch.role && !patch.active && !patch.password) {
    return Status::InvalidArgument("nothing to change").With("nothing_to_change");
  }
  if (patch.display_name) LS_RETURN_IF_ERROR(ValidateDisplayName(*patch.display_name));
  if (patch.password) LS_RETURN_IF_ERROR(ValidateNewPassword(*patch.password));
  LS_ASSIGN_OR_RETURN(User user, store_.GetUser(id));

  bool loses_admin = (patch.role && *patch.role != Role::kAdmin) || (patch.active && !*patch.active);
  if (loses_admin && id == actor_id) {
    return Status::Conflict("you cannot deactivate or demote your own account")
        .With("own_account_demote");
  }
  if (loses_admin) LS_RETURN_IF_ERROR(KeepOneAdmin(user));

  bool end_sessions = (patch.active && !*patch.active && user.active) || patch.password;
  if (patch.display_name) user.display_name = *patch.display_name;
  if (patch.role) user.role = *patch.role;
  if (patch.active) user.active = *patch.active;
  if (patch.password) {
    LS_ASSIGN_OR_RETURN(user.password_hash, HashPassword(*patch.password));
  }
  user.updated_at = clock_.NowMs();
  // A sales account deactivated or made admin releases its open leads (logged as the actor's).
  LS_RETURN_IF_ERROR(store_.UpdateUser(user, actor_id));
  // Sessions of a deactivated user are refused anyway (AuthService checks `active`); deleting
  // them is the tidy part and may follow the update.
  if (end_sessions) LS_RETURN_IF_ERROR(store_.DeleteUserSessions(id));
  return user;
}

Status UsersService::Delete(int64_t actor_id, int64_t id) {
  if (id == actor_id) {
    return Status::Conflict("you cannot delete your own account").With("own_account_delete");
  }
  LS_ASSIGN_OR_RETURN(User user, store_.GetUser(id));
  LS_RETURN_IF_ERROR(KeepOneAdmin(user));
  Status s = store_.DeleteUser(id, actor_id, clock_.NowMs());
  if (s.code() == StatusCode::kFailedPrecondition) {
    return Status::Conflict("'" + user.username +
                            "' has changed leads and is kept for the activity log; deactivate "
                            "the account instead")
        .With("user_has_history", {{"username", user.username}});
  }
  return s;
}

Result<std::optional<CreatedUser>> UsersService::CreateIfMissing(const NewUser& request) {
  auto existing = store_.GetUserByUsername(request.username);
  if (existing.ok()) return std::optional<CreatedUser>();
  if (existing.status().code() != StatusCode::kNotFound) return existing.status();
  LS_ASSIGN_OR_RETURN(CreatedUser created, Create(request));
  return std::optional<CreatedUser>(std::move(created));
}

Result<CreatedUser> UsersService::CreateOrReset(const NewUser& request) {
  auto existing = store_.GetUserByUsername(request.username);
  if (!existing.ok()) {
    if (existing.status().code() != StatusCode::kNotFound) return existing.status();
    return Create(request);
  }
  LS_RETURN_IF_ERROR(ValidateDisplayName(request.display_name));
  CreatedUser result;
  std::string password;
  if (request.password) {
    LS_RETURN_IF_ERROR(ValidateNewPassword(*request.password));
    password = *request.password;
  } else {
    password = GeneratePassword();
    result.generated_password = password;
  }
  User user = *existing;
  user.display_name = request.display_name;
  user.role = request.role;
  user.active = true;
  user.updated_at = clock_.NowMs();
  LS_ASSIGN_OR_RETURN(user.password_hash, HashPassword(password));
  // From the command line: no admin acts, the account itself is the author of any release.
  LS_RETURN_IF_ERROR(store_.UpdateUser(user, user.id));
  LS_RETURN_IF_ERROR(store_.DeleteUserSessions(user.id));
  result.user = std::move(user);
  return result;
}

}  // namespace leadscore

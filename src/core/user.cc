#include "core/user.h"

namespace leadscore {

std::string_view RoleName(Role role) { return role == Role::kAdmin ? "admin" : "sales"; }

std::optional<Role> ParseRole(std::string_view name) {
  if (name == "admin") return Role::kAdmin;
  if (name == "sales") return Role::kSales;
  return std::nullopt;
}

}  // namespace leadscore

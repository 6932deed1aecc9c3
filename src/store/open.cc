// OpenStore: picks the engine from the URL.
#include "store/store.h"

namespace leadscore {

Result<std::unique_ptr<Store>> OpenStore(const std::string& url, const StoreOptions& options) {
  return Status::Unavailable("store engines are not built yet");
}

}  // namespace leadscore

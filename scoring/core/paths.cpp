// Data root lookup; see paths.h.
#include "paths.h"

#include <cstdlib>
#include <system_error>

namespace chatdrill::scoring {

std::filesystem::path data_root() {
  namespace fs = std::filesystem;
  if (const char* env = std::getenv("CHATDRILL_DATA"); env && *env) return fs::path(env);
  std::error_code ec;
  const fs::path exe = fs::read_symlink("/proc/self/exe", ec);
  if (!ec) {
    for (fs::path dir = exe.parent_path(); !dir.empty() && dir != dir.root_path(); dir = dir.parent_path()) {
      if (fs::is_directory(dir / "assets", ec) && fs::is_directory(dir / "scenarios", ec)) return dir;
      if (fs::is_directory(dir / "share" / "chatdrill", ec)) return dir / "share" / "chatdrill";
    }
  }
  return fs::path(CHATDRILL_SOURCE_DIR);
}

std::filesystem::path data_path(std::string_view relative) { return data_root() / relative; }

}  // namespace chatdrill::scoring

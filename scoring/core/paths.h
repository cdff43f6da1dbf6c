// Where bundled data lives (lexicons, assets, scenarios) for a binary run from the build
// tree, an install, or a test. Reads the environment and the executable's location only.
#pragma once

#include <filesystem>
#include <string_view>

namespace chatdrill::scoring {

// The project's data root: $CHATDRILL_DATA if set, else the first parent folder of the
// running executable that holds `assets/`, else the source tree the binary was built from.
std::filesystem::path data_root();
// data_root() / relative, e.g. data_path("scoring/lexicons/fi.json").
std::filesystem::path data_path(std::string_view relative);

}  // namespace chatdrill::scoring

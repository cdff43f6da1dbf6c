// The desktop app's command line (`chatdrill [options]`): parsed into AppOptions. New
// flags (the classroom's --exercise flow, test-only --drive) are added here, in one table.
#pragma once

#include "app_state.h"

#include <string>

namespace chatdrill::app {

struct ParsedArgs {
  AppOptions options;
  bool help = false;
  std::string error;  // bad usage (exit 2)
};

ParsedArgs parse_args(int argc, char** argv);
const char* usage();

}  // namespace chatdrill::app

// Placeholder app entry until the real window and screens land.
#include "app.h"

#include <cstdio>

namespace chatdrill::app {

int run(int, char**) {
  std::fputs("chatdrill: the desktop app is not built yet; try `chatdrill --help`\n", stderr);
  return 2;
}

}  // namespace chatdrill::app

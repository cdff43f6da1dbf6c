// Placeholder so the executable links while the play command is being written; replaced
// by its real implementation.
#include "cli.h"

#include <cstdio>

namespace chatdrill::cli {

int play_command(int, char**) {
  std::fputs("chatdrill play: not available in this build yet\n", stderr);
  return 2;
}

}  // namespace chatdrill::cli

// Placeholder so the executable links while the grade command is being written; replaced
// by its real implementation.
#include "cli.h"

#include <cstdio>

namespace chatdrill::cli {

int grade_command(int, char**) {
  std::fputs("chatdrill grade: not available in this build yet\n", stderr);
  return 2;
}

}  // namespace chatdrill::cli

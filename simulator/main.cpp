// The chatdrill executable: `chatdrill SUBCOMMAND ...` runs a headless command
// (validate, play, grade, report); anything else starts the desktop app.
#include "simulator/cli/cli.h"

#ifdef CHATDRILL_HAS_APP
#include "simulator/app/app.h"
#endif

#include <cstdio>

int main(int argc, char** argv) {
  if (argc > 1 && chatdrill::cli::is_command(argv[1])) return chatdrill::cli::run(argc, argv);
#ifdef CHATDRILL_HAS_APP
  return chatdrill::app::run(argc, argv);
#else
  std::fputs("chatdrill: built without the desktop app; use a subcommand (--help)\n", stderr);
  return 2;
#endif
}

// Subcommand dispatch and the top-level help.
#include "cli.h"

#include <cstdio>
#include <cstring>
#include <exception>
#include <new>

namespace chatdrill::cli {

namespace {

struct Command {
  const char* name;
  int (*run)(int, char**);
  const char* summary;
};

constexpr Command k_commands[] = {
    {"validate", validate_command, "check scenario/exercise files and folders (--run-tests plays their tests)"},
    {"play", play_command, "play a scenario or a shift headless from scripted replies, print the transcript"},
    {"grade", grade_command, "grade transcripts and shift transcripts with explained evidence (--json)"},
    {"import", import_command, "turn a chat export (CSV: time, author, text) into transcripts to grade"},
    {"calibrate", calibrate_command,
     "compare grades with a reviewer's scores (RATINGS.csv): rank correlation, accuracy"},
    {"report", report_command, "build a trainer report (CSV, HTML) from a results folder"},
    {"explain", explain_command, "show how a persona reads a reply at a node: lemmas, concepts, moves, intents"},
    {"exercise", exercise_command, "run a timed exercise headless as one trainee from scripted replies"},
};

void print_help(std::FILE* out) {
  std::fputs(
      "usage: chatdrill [--exercise FILE]        start the desktop app\n"
      "       chatdrill COMMAND [ARGS...]        run a headless command\n\ncommands:\n",
      out);
  for (const auto& c : k_commands) std::fprintf(out, "  %-9s %s\n", c.name, c.summary);
  std::fputs("\n`chatdrill COMMAND --help` describes each command. Exit codes: 0 ok, 1 findings, 2 usage.\n", out);
}

}  // namespace

bool is_command(std::string_view word) {
  if (word == "help" || word == "--help" || word == "-h" || word == "--version") return true;
  for (const auto& c : k_commands)
    if (word == c.name) return true;
  return false;
}

int run(int argc, char** argv) {
  const char* word = argv[1];
  if (!std::strcmp(word, "--version")) {
    std::printf("chatdrill %s\n", CHATDRILL_VERSION);
    return 0;
  }
  if (!std::strcmp(word, "help") || !std::strcmp(word, "--help") || !std::strcmp(word, "-h")) {
    print_help(stdout);
    return 0;
  }
  for (const auto& c : k_commands) {
    if (std::strcmp(word, c.name)) continue;
    // Data a command depends on (a lexicon, a schema) can be broken or missing: that is a
    // finding like any other, said with its file and line (exit 1), never an abort.
    try {
      return c.run(argc - 2, argv + 2);
    } catch (const std::bad_alloc&) {
      std::fprintf(stderr, "chatdrill %s: out of memory\n", c.name);
    } catch (const std::exception& e) {
      std::fprintf(stderr, "%s\nchatdrill %s: stopped: the data above is broken\n", e.what(), c.name);
    }
    return 1;
  }
  print_help(stderr);
  return 2;
}

}  // namespace chatdrill::cli

// Diagnostics: what any loader says about a file a person wrote (scenario, transcript,
// exercise), as values that are gathered and printed as `file:line:col: path: message`.
// Knows nothing about where the file came from or who prints it.
#pragma once

#include <string>
#include <vector>

namespace chatdrill::scoring {

struct SourcePos {
  int line = 0;  // 1-based; 0 = unknown
  int col = 0;   // 1-based, counted in Unicode code points
};

enum class Severity { error, warning };

struct Diagnostic {
  std::string file;
  SourcePos pos;
  std::string path;  // JSON path like `nodes.start.expect[2].goto`; empty for the whole file
  std::string message;
  Severity severity = Severity::error;

  // `file:line:col: path: message` (warnings say "warning: " before the message).
  std::string to_string() const;
};

using Diagnostics = std::vector<Diagnostic>;

bool has_errors(const Diagnostics& diagnostics);
// For data the program ships (lexicons, concepts, word forms, behaviour): throws
// std::runtime_error with every diagnostic, one per line, when any is an error.
void throw_if_errors(const Diagnostics& diagnostics);

}  // namespace chatdrill::scoring

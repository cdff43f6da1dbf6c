// The live session journal (`chatdrill.journal/1`): one JSON line per event, flushed to
// disk as it happens, so a session killed at any point can be recovered to a transcript.
// Knows transcripts and files, not personas or clocks.
#pragma once

#include <memory>
#include <string>
#include <string_view>

#include "scoring/transcript.h"

namespace chatdrill::engine {

inline constexpr const char* k_journal_format = "chatdrill.journal/1";

// Lines: {"format": "chatdrill.journal/1", "scenario", "language", "seed", "trainee"},
// then {"message": {...}} per event, then {"outcome": "..."} when the session ends.
class Journal {
 public:
  // Creates (truncates) the file and writes the header line. Null and `error` set on failure.
  static std::unique_ptr<Journal> create(const std::string& path, const scoring::Transcript& header,
                                         const std::string& trainee, std::string& error);
  ~Journal();
  Journal(const Journal&) = delete;
  Journal& operator=(const Journal&) = delete;

  // Each returns "" on success, else the reason; the line is on disk when they return.
  std::string append(const scoring::Message& message);
  std::string finish(const std::string& outcome);

  // A journal of another shape (the shift journal, shift_run.h): `header` as its first line.
  static std::unique_ptr<Journal> create_with(const std::string& path, const scoring::Json& header, std::string& error);
  // Any line, on disk when it returns; "" or the reason.
  std::string write_line(const scoring::Json& line);

 private:
  Journal(int fd, std::string path) : fd_(fd), path_(std::move(path)) {}
  int fd_ = -1;
  std::string path_;
};

// Turns a journal (possibly cut off mid-line by a crash) into a transcript: every complete
// event line is kept, a torn last line is dropped, the outcome is the recorded one or
// "interrupted". A journal without a complete header line is a diagnostic.
scoring::TranscriptLoad recover_journal(const std::string& path);
// The same for journal text already read; `file` names it in diagnostics.
scoring::TranscriptLoad recover_journal_text(std::string_view text, const std::string& file);

}  // namespace chatdrill::engine

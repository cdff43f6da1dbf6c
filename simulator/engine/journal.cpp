// Session journal writing and crash recovery; see journal.h.
#include "journal.h"
#include "text_lines.h"

#include <fcntl.h>
#include <fmt/format.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace chatdrill::engine {

using scoring::Json;

std::unique_ptr<Journal> Journal::create_with(const std::string& path, const Json& header, std::string& error) {
  const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_APPEND | O_CLOEXEC, 0644);
  if (fd < 0) {
    error = fmt::format("{}: cannot create the session journal: {}", path, std::strerror(errno));
    return nullptr;
  }
  std::unique_ptr<Journal> journal(new Journal(fd, path));
  error = journal->write_line(header);
  if (!error.empty()) return nullptr;
  return journal;
}

std::unique_ptr<Journal> Journal::create(const std::string& path, const scoring::Transcript& header,
                                         const std::string& trainee, std::string& error) {
  Json line = Json::object();
  line["format"] = k_journal_format;
  line["scenario"] = header.scenario;
  line["language"] = header.language;
  if (header.seed) line["seed"] = *header.seed;
  if (!trainee.empty()) line["trainee"] = trainee;
  return create_with(path, line, error);
}

Journal::~Journal() {
  if (fd_ >= 0) ::close(fd_);
}

std::string Journal::write_line(const Json& line) {
  // One write() per line: a crash can tear only the last line, never interleave two.
  const std::string text = line.dump() + "\n";
  std::size_t done = 0;
  while (done < text.size()) {
    const ssize_t n = ::write(fd_, text.data() + done, text.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return fmt::format("{}: cannot write the session journal: {}", path_, std::strerror(errno));
    done += static_cast<std::size_t>(n);
  }
  if (::fdatasync(fd_) != 0 && errno != EINVAL)
    return fmt::format("{}: cannot flush the session journal: {}", path_, std::strerror(errno));
  return {};
}

std::string Journal::append(const scoring::Message& message) {
  Json line = Json::object();
  line["message"] = scoring::message_to_json(message);
  return write_line(line);
}

std::string Journal::finish(const std::string& outcome) {
  Json line = Json::object();
  line["outcome"] = outcome;
  return write_line(line);
}

namespace {

// Header fields copied into the transcript.
bool read_header(const Json& line, Json& transcript) {
  if (!line.is_object() || line.value("format", Json()) != k_journal_format) return false;
  for (const char* key : {"scenario", "language", "seed", "trainee"})
    if (line.contains(key)) transcript[key] = line[key];
  return true;
}

}  // namespace

scoring::TranscriptLoad recover_journal(const std::string& path) {
  std::string error;
  const auto text = scoring::read_text_file(path, error);
  if (!text) return {std::nullopt, {scoring::Diagnostic{path, {}, "", error}}};
  return recover_journal_text(*text, path);
}

scoring::TranscriptLoad recover_journal_text(std::string_view text, const std::string& path) {
  Json transcript = Json::object();
  transcript["format"] = scoring::k_transcript_format;
  Json messages = Json::array();
  std::string outcome = "interrupted";
  scoring::Diagnostics notes;
  std::size_t begin = 0;
  int line_no = 0;
  bool have_header = false;
  for (TextLine tl; next_line(text, begin, tl);) {
    const std::string_view line = tl.text;
    const bool complete = tl.complete;
    line_no = tl.number;
    auto parsed = scoring::parse_json(line, path);
    if (!parsed.doc) {
      // A torn last line is what a crash leaves; anything else is worth a note.
      if (complete)
        notes.push_back({path, {line_no, 1}, "", "skipped a damaged journal line", scoring::Severity::warning});
      continue;
    }
    const Json& j = parsed.doc->root;
    if (!have_header) {
      have_header = read_header(j, transcript);
      if (!have_header)
        return {std::nullopt, {{path, {line_no, 1}, "", fmt::format("not a {} file", k_journal_format)}}};
    } else if (j.is_object() && j.contains("message")) {
      messages.push_back(j["message"]);
    } else if (j.is_object() && j.contains("outcome") && j["outcome"].is_string()) {
      outcome = j["outcome"].get<std::string>();
    }
  }
  if (!have_header)
    return {std::nullopt, {{path, {1, 1}, "", "the journal has no complete header line: nothing to recover"}}};
  transcript["outcome"] = outcome;
  transcript["messages"] = std::move(messages);
  // Re-read through the transcript loader so the result is exactly as valid as a saved file.
  auto reparsed = scoring::parse_json(transcript.dump(), path);
  if (!reparsed.doc) return {std::nullopt, {*reparsed.error}};
  auto load = scoring::transcript_from_doc(*reparsed.doc);
  load.diagnostics.insert(load.diagnostics.begin(), notes.begin(), notes.end());
  return load;
}

}  // namespace chatdrill::engine

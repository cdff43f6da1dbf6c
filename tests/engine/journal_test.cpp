// The session journal: every event is on disk as it happens, and a journal cut off at any
// byte (a crash) still recovers to a valid transcript holding every complete event.
#include "simulator/engine/journal.h"

#include <filesystem>
#include <fstream>
#include <sstream>

#include "engine_test_support.h"
#include "simulator/engine/session.h"

using namespace chatdrill;
using namespace chatdrill::engine;
using namespace chatdrill::engine::test;

namespace {

namespace fs = std::filesystem;

fs::path scratch(const std::string& name) {
  const fs::path dir = fs::path(CHATDRILL_TEST_TMP) / "journal";
  fs::create_directories(dir);
  return dir / name;
}

std::string read_all(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// A short finished session journaled to `path`; returns its transcript.
scoring::Transcript journaled_session(const fs::path& path) {
  SessionOptions o;
  o.seed = 3;
  o.journal_path = path.string();
  o.trainee = "Testi Harjoittelija";
  Session s(must_load(k_base_scenario), o);
  s.send(10, "Hei! Onko kaikki hyvin?");
  s.send(30, "Kyllä, hoidan asian.");
  s.advance(200);
  REQUIRE(s.finished());
  CHECK(s.journal_error().empty());
  return s.transcript();
}

}  // namespace

TEST_CASE("the journal holds a header, every event as it happened, and the outcome") {
  const auto path = scratch("full.jsonl");
  const auto transcript = journaled_session(path);
  const std::string text = read_all(path);
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  REQUIRE(lines.size() == transcript.messages.size() + 2);
  CHECK(contains(lines.front(), "\"format\":\"chatdrill.journal/1\""));
  CHECK(contains(lines.front(), "\"trainee\":\"Testi Harjoittelija\""));
  CHECK(contains(lines.back(), "\"outcome\":\"resolved\""));

  const auto recovered = recover_journal(path.string());
  REQUIRE(recovered.transcript);
  CHECK(recovered.diagnostics.empty());
  CHECK(scoring::transcript_to_json(*recovered.transcript) == scoring::transcript_to_json(transcript));
}

TEST_CASE("a journal cut at every byte recovers every complete event") {
  const auto path = scratch("full-cut.jsonl");
  const auto transcript = journaled_session(path);
  const std::string text = read_all(path);
  const std::size_t header_end = text.find('\n');
  const auto cut = scratch("cut.jsonl");
  for (std::size_t n = 0; n <= text.size(); ++n) {
    CAPTURE(n);
    // In memory for speed; every 499th cut also goes through a real file.
    const auto load = n % 499 ? recover_journal_text(std::string_view(text).substr(0, n), cut.string()) : [&] {
      std::ofstream(cut, std::ios::binary | std::ios::trunc) << text.substr(0, n);
      return recover_journal(cut.string());
    }();
    if (n < header_end) {  // not even the header made it: nothing to recover, said clearly
      CHECK_FALSE(load.transcript);
      REQUIRE(load.diagnostics.size() == 1);
      CHECK(contains(load.diagnostics[0].message, "header"));
      continue;
    }
    REQUIRE(load.transcript);
    CHECK_FALSE(scoring::has_errors(load.diagnostics));
    // Exactly the events whose line is complete up to its closing brace, in order.
    std::size_t complete = 0, ended = 0;
    for (std::size_t at = header_end + 1; at < n;) {
      const std::size_t nl = text.find('\n', at);
      if (nl == std::string::npos || nl > n) break;
      ++complete;
      ended += text.compare(at, 11, "{\"outcome\":") == 0;
      at = nl + 1;
    }
    const std::size_t messages = complete - ended;
    REQUIRE(load.transcript->messages.size() == messages);
    for (std::size_t i = 0; i < load.transcript->messages.size(); ++i)
      CHECK(load.transcript->messages[i].text == transcript.messages[i].text);
    CHECK(load.transcript->outcome == (ended ? "resolved" : "interrupted"));
    CHECK(load.transcript->scenario == "t");
    // What is recovered is a transcript like any other: it saves and loads again.
    auto again = scoring::parse_json(scoring::transcript_to_json(*load.transcript).dump(), "again.json");
    REQUIRE(again.doc);
    CHECK(scoring::transcript_from_doc(*again.doc).transcript);
  }
}

TEST_CASE("recovering something that is not a journal is a clear finding") {
  const auto path = scratch("not-journal.jsonl");
  std::ofstream(path) << "{\"format\": \"chatdrill.transcript/1\"}\n";
  const auto load = recover_journal(path.string());
  CHECK_FALSE(load.transcript);
  REQUIRE(load.diagnostics.size() == 1);
  CHECK(contains(load.diagnostics[0].to_string(), "not-journal.jsonl:1:1"));
  CHECK_FALSE(recover_journal(scratch("missing.jsonl").string()).transcript);
}

TEST_CASE("a journal that cannot be created is reported, and the session still runs") {
  SessionOptions o;
  o.journal_path = (scratch("no-such-folder") / "x" / "journal.jsonl").string();
  Session s(must_load(k_base_scenario), o);
  CHECK(contains(s.journal_error(), "cannot create the session journal"));
  s.send(5, "kyllä");
  s.advance(100);
  CHECK(s.outcome() == "resolved");
}

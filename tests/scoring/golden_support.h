// Golden transcripts for the scoring tests: each golden/NAME.json is a chat log and
// golden/NAME.expected.json holds its hand-checked grade (and the rubric it is graded with).
#pragma once

#include "scoring/core/json_doc.h"
#include "scoring/grade.h"
#include "scoring/transcript.h"

#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>
#include <string>
#include <vector>

namespace golden {

struct Case {
  std::string name;
  chatdrill::scoring::Transcript transcript;
  chatdrill::scoring::Rubric rubric;
  chatdrill::scoring::Json expected;
};

inline chatdrill::scoring::Rubric rubric_from(const chatdrill::scoring::Json& j) {
  chatdrill::scoring::Rubric r;
  if (!j.is_object()) return r;
  r.customer_name = j.value("customer_name", std::string());
  for (const auto& s : j.value("slots", chatdrill::scoring::Json::array())) {
    chatdrill::scoring::Slot slot;
    slot.id = s.value("id", std::string());
    slot.label = s.value("label", std::string());
    slot.keywords = s.value("keywords", std::vector<std::string>());
    slot.stems = s.value("stems", std::vector<std::string>());
    slot.prefixes = s.value("prefixes", std::vector<std::string>());
    r.slots.push_back(slot);
  }
  return r;
}

inline std::vector<Case> load_all() {
  namespace fs = std::filesystem;
  std::vector<Case> out;
  const fs::path dir = fs::path(CHATDRILL_SOURCE_DIR) / "tests" / "scoring" / "golden";
  std::vector<fs::path> files;
  for (const auto& e : fs::directory_iterator(dir)) {
    const std::string name = e.path().filename().string();
    if (name.ends_with(".json") && !name.ends_with(".expected.json")) files.push_back(e.path());
  }
  std::sort(files.begin(), files.end());
  for (const auto& f : files) {
    auto loaded = chatdrill::scoring::load_transcript(f.string());
    REQUIRE_MESSAGE(loaded.transcript, f.string());
    fs::path expected = f;
    expected.replace_extension(".expected.json");
    auto parsed = chatdrill::scoring::parse_json_file(expected.string());
    REQUIRE_MESSAGE(parsed.doc, expected.string());
    Case c{f.stem().string(), *loaded.transcript,
           rubric_from(parsed.doc->root.value("rubric", chatdrill::scoring::Json())), parsed.doc->root};
    out.push_back(std::move(c));
  }
  return out;
}

}  // namespace golden

// A Grader grades with the data it was given, and the graders' notes are data: both
// languages' notes files hold the same keys with the same placeholders, and a file that
// misses or adds a key is refused. (A key the code uses but k_note_keys lacks does not
// compile: NoteKey is consteval.)
#include "support/grader.h"
#include "scoring/core/json_doc.h"
#include "scoring/core/paths.h"
#include "scoring/grade.h"
#include "scoring/grade_notes.h"
#include "scoring/transcript.h"

#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <set>
#include <string>

namespace fs = std::filesystem;
using namespace chatdrill::scoring;

namespace {

std::string notes_path(const fs::path& root, const char* language) {
  return (root / "scoring" / "lexicons" / (std::string(language) + "-notes.json")).string();
}

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

void write_file(const fs::path& path, const std::string& text) {
  fs::create_directories(path.parent_path());
  std::ofstream(path, std::ios::binary) << text;
}

// Replacement fields of a format string ("{}" counts, "{{" does not).
int placeholders(const std::string& text) {
  int n = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '{' && i + 1 < text.size() && text[i + 1] == '{') {
      ++i;
      continue;
    }
    if (text[i] == '{') ++n;
  }
  return n;
}

// A copy of the language data a Grader reads, in a scratch folder of its own.
fs::path copy_data(const std::string& name) {
  const fs::path root = fs::path(CHATDRILL_TEST_TMP) / name;
  fs::remove_all(root);
  fs::create_directories(root / "scenarios");
  fs::create_directories(root / "scoring");
  fs::copy(data_root() / "scoring" / "lexicons", root / "scoring" / "lexicons", fs::copy_options::recursive);
  fs::copy(data_root() / "scenarios" / "concepts", root / "scenarios" / "concepts", fs::copy_options::recursive);
  return root;
}

// What `f` throws as std::runtime_error, or a note that it threw nothing.
template <typename F>
std::string error_of(F f) {
  try {
    f();
  } catch (const std::runtime_error& e) { return e.what(); }
  return "(nothing thrown)";
}

bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

Transcript golden(const std::string& name) {
  auto load = load_transcript(std::string(CHATDRILL_TEST_DATA) + "/golden/" + name + ".json");
  REQUIRE(load.transcript);
  return *load.transcript;
}

}  // namespace

TEST_CASE("grader notes: both languages have every key, the same keys and the same placeholders") {
  const auto fi = detail::Notes::load_file(Language::fi, notes_path(data_root(), "fi"));
  const auto en = detail::Notes::load_file(Language::en, notes_path(data_root(), "en"));
  const auto fi_doc = parse_json_file(notes_path(data_root(), "fi")),
             en_doc = parse_json_file(notes_path(data_root(), "en"));
  REQUIRE(fi_doc.doc);
  REQUIRE(en_doc.doc);
  std::set<std::string> fi_keys, en_keys, code_keys;
  for (const auto& [key, value] : fi_doc.doc->root["notes"].items()) fi_keys.insert(key);
  for (const auto& [key, value] : en_doc.doc->root["notes"].items()) en_keys.insert(key);
  for (const auto key : detail::k_note_keys) code_keys.insert(std::string(key));
  CHECK(fi_keys == en_keys);
  CHECK(fi_keys == code_keys);
  CHECK(code_keys.size() == detail::k_note_count);  // no key listed twice
  // Per key: the same number of values in both languages, and neither text empty.
  for (std::size_t k = 0; k < detail::k_note_count; ++k) {
    const std::string key(detail::k_note_keys[k]);
    CAPTURE(key);
    const std::string f = fi_doc.doc->root["notes"][key].get<std::string>();
    const std::string e = en_doc.doc->root["notes"][key].get<std::string>();
    CHECK(!f.empty());
    CHECK(!e.empty());
    CHECK(placeholders(f) == placeholders(e));
  }
  CHECK(fi.text("speed.base") != en.text("speed.base"));
  CHECK(fi.format("speed.reply_late", "Vastaus", "40 s", "30 s") == "Vastaus vasta 40 s:n päästä, tavoite 30 s.");
  CHECK(en.format("speed.reply_late", "Reply", "40 s", "30 s") == "Reply took 40 s, target 30 s.");
}

TEST_CASE("grader notes: a file missing a key or holding an unknown one is refused, naming the file and the key") {
  const fs::path root = copy_data("notes_keys");
  const std::string path = notes_path(root, "en");
  const std::string text = read_file(path);
  const std::string line = "    \"speed.reply_late\": \"{} took {}, target {}.\",\n";
  REQUIRE(text.find(line) != std::string::npos);
  std::string missing = text;
  missing.erase(missing.find(line), line.size());
  write_file(path, missing);
  const std::string no_key = error_of([&] { detail::Notes::load_file(Language::en, path); });
  CHECK(contains(no_key, path + ":"));
  CHECK(contains(no_key, "note \"speed.reply_late\" is missing"));
  std::string unknown = text;
  unknown.insert(unknown.find(line), "    \"speed.reply_later\": \"{} took {}.\",\n");
  write_file(path, unknown);
  const std::string extra = error_of([&] { detail::Notes::load_file(Language::en, path); });
  CHECK(contains(extra, path + ":"));
  CHECK(contains(extra, "unknown note \"speed.reply_later\""));
  // The language a file says it is must be the one asked for.
  CHECK(contains(error_of([&] { detail::Notes::load_file(Language::fi, notes_path(data_root(), "en")); }),
                 "\"language\" must be \"fi\""));
}

TEST_CASE("a grader grades with the data folder it was given, and two graders do not interfere") {
  const fs::path root = copy_data("grader_other_data");
  const std::string path = notes_path(root, "fi");
  std::string text = read_file(path);
  const std::string from = "Lähtötaso 100; jokainen asiakkaan odotus";
  REQUIRE(text.find(from) != std::string::npos);
  text.replace(text.find(from), from.size(), "Muutettu Lähtötaso 100; jokainen asiakkaan odotus");
  write_file(path, text);

  const Transcript fi = golden("fi_delivery_good");
  Grader bundled(data_root()), changed(root);
  CHECK(changed.data_root() == root);
  const Grade before = bundled.grade(fi);
  const Grade other = grade_transcript(fi, {}, changed);
  const Grade after = bundled.grade(fi);
  const std::string& base = before.dimension("speed").evidence.front().note;
  CHECK(base.starts_with("Lähtötaso 100; jokainen"));
  CHECK(other.dimension("speed").evidence.front().note == "Muutettu " + base);
  CHECK(grade_speed(fi, {}, changed).evidence.front().note == "Muutettu " + base);
  // Only that note differs; the bundled grader is as it was.
  CHECK(grade_to_json(after) == grade_to_json(before));
  CHECK(grade_to_json(before) == grade_to_json(test_grader().grade(fi)));
  CHECK(other.overall == before.overall);
  // English is read from the copy too, and there nothing was changed.
  const Transcript en = golden("en_refund_good");
  CHECK(grade_to_json(changed.grade(en)) == grade_to_json(bundled.grade(en)));
}

TEST_CASE("a grader whose folder lacks a language's data says which file, when that language is graded") {
  const fs::path root = fs::path(CHATDRILL_TEST_TMP) / "grader_no_data";
  fs::remove_all(root);
  fs::create_directories(root);
  Grader empty(root);  // reads nothing yet
  const std::string lexicon = (root / "scoring" / "lexicons" / "fi.json").string();
  const Transcript fi = golden("fi_delivery_good");
  CHECK(contains(error_of([&] { empty.grade(fi); }), lexicon));
  CHECK(contains(error_of([&] { empty.load("fi"); }), lexicon));

  // Everything but the notes: the notes file is named.
  const fs::path partial = copy_data("grader_no_notes");
  fs::remove(notes_path(partial, "en"));
  Grader no_notes(partial);
  CHECK_NOTHROW(no_notes.load("fi"));
  const Transcript en = golden("en_refund_good");
  CHECK(contains(error_of([&] { no_notes.grade(en); }), notes_path(partial, "en")));
}

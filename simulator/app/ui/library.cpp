// Scenario library scanning and hot reload. The fingerprint is the list of json files
// with their mtimes and sizes: cheap enough to take once a second.
#include "library.h"

#include "emoji.h"

#include <algorithm>
#include <filesystem>

namespace chatdrill::app {
namespace fs = std::filesystem;

void Library::set_sources(std::vector<std::string> sources) {
  sources_ = std::move(sources);
  reload();
}

bool Library::poll() {
  if (fingerprint() == fingerprint_) return false;
  reload();
  return true;
}

void Library::reload() {
  fingerprint_ = fingerprint();
  entries_ = engine::check_scenarios(sources_);
  ++generation_;
}

std::string Library::fingerprint() const {
  std::string out;
  std::error_code ec;
  auto add = [&](const fs::path& p) {
    auto t = fs::last_write_time(p, ec);
    auto size = fs::file_size(p, ec);
    out += p.string() + '|' + std::to_string(t.time_since_epoch().count()) + '|' + std::to_string(size) + '\n';
  };
  for (const auto& source : sources_) {
    if (fs::is_directory(source, ec)) {
      std::vector<fs::path> files;
      for (fs::directory_iterator it(source, ec), end; !ec && it != end; it.increment(ec))
        if (it->path().extension() == ".json") files.push_back(it->path());
      std::sort(files.begin(), files.end());
      for (const auto& f : files) add(f);
    } else {
      add(source);
    }
  }
  return out;
}

std::shared_ptr<const engine::Scenario> Library::find(const std::string& id) const {
  for (const auto& e : entries_)
    if (e.scenario && e.scenario->id == id) return e.scenario;
  return nullptr;
}

namespace {

std::string fold(std::string_view s) {
  std::string out;
  for (std::size_t i = 0; i < s.size();) {
    std::uint32_t cp = next_code_point(s, i);
    if (cp < 0x80) cp = static_cast<std::uint32_t>(std::tolower(static_cast<int>(cp)));
    else if (cp >= 0xC0 && cp <= 0xDE && cp != 0xD7) cp += 0x20;  // Ä -> ä, Ö -> ö, Å -> å
    else if (cp >= 0x100 && cp <= 0x17F && cp % 2 == 0) cp += 1;  // Š -> š (most of Ext-A)
    append_utf8(out, cp);
  }
  return out;
}

}  // namespace

bool matches_search(const engine::Scenario& s, const std::string& query) {
  std::string hay =
      s.title + ' ' + s.persona.name + ' ' + s.persona.archetype + ' ' + s.language + ' ' + s.brief + ' ' + s.id;
  for (const auto& t : s.tags) hay += ' ' + t;
  hay = fold(hay);
  std::string q = fold(query);
  std::size_t pos = 0;
  while (pos < q.size()) {
    auto start = q.find_first_not_of(' ', pos);
    if (start == std::string::npos) break;
    auto stop = q.find(' ', start);
    if (hay.find(q.substr(start, stop - start)) == std::string::npos) return false;
    pos = stop;
  }
  return true;
}

}  // namespace chatdrill::app

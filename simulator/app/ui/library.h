// The scenario library the Home screen lists: bundled scenarios plus the trainer's folders,
// reloaded when a file is edited, added or removed (checked by mtime, about once a second,
// by whoever calls poll). Invalid files stay in the list with their diagnostics.
#pragma once

#include "simulator/engine/validation.h"

#include <memory>
#include <string>
#include <vector>

namespace chatdrill::app {

class Library {
 public:
  // Sets the folders/files to scan and loads them now.
  void set_sources(std::vector<std::string> sources);
  // Reloads if any *.json under the sources changed since the last load. True if reloaded.
  bool poll();
  const std::vector<engine::ScenarioCheck>& entries() const { return entries_; }
  const std::vector<std::string>& sources() const { return sources_; }
  std::shared_ptr<const engine::Scenario> find(const std::string& id) const;
  int generation() const { return generation_; }  // bumps on every reload

 private:
  std::string fingerprint() const;
  void reload();

  std::vector<std::string> sources_;
  std::vector<engine::ScenarioCheck> entries_;
  std::string fingerprint_;
  int generation_ = 0;
};

// Case-insensitive (ASCII and Finnish letters) match of every word of `query` against a
// scenario's title, persona, archetype, tags, language and brief.
bool matches_search(const engine::Scenario& scenario, const std::string& query);

}  // namespace chatdrill::app

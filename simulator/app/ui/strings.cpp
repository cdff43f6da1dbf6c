// Reads UI string tables with the located JSON parser so a translator's typo is reported
// with its line and column.
#include "strings.h"

#include "scoring/core/json_doc.h"
#include "scoring/core/paths.h"

namespace chatdrill::app {

std::string Strings::load(const std::string& path) {
  auto parse = scoring::parse_json_file(path);
  if (!parse.doc) return parse.error ? parse.error->to_string() : path + ": cannot read";
  const auto& doc = *parse.doc;
  const auto& root = doc.root;
  if (!root.is_object() || root.value("format", "") != "chatdrill.strings/1")
    return doc.diag("format", "expected \"format\": \"chatdrill.strings/1\"").to_string();
  if (!root.contains("strings") || !root["strings"].is_object())
    return doc.diag("strings", "expected an object of key: text").to_string();
  std::unordered_map<std::string, std::string> table;
  for (const auto& [key, value] : root["strings"].items()) {
    if (!value.is_string()) return doc.diag(scoring::member_path("strings", key), "expected a string").to_string();
    table[key] = value.get<std::string>();
  }
  table_ = std::move(table);
  language_ = root.value("language", "");
  missing_.clear();
  return {};
}

const char* Strings::get(std::string_view key) const {
  std::string k(key);
  auto it = table_.find(k);
  if (it != table_.end()) return it->second.c_str();
  return missing_.emplace(k, k).first->second.c_str();
}

std::string strings_path(const std::string& language) {
  return scoring::data_path("assets/strings/" + language + ".json").string();
}

}  // namespace chatdrill::app

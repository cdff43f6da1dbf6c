// The check that a loader and its JSON Schema state the same format (tests of the engine's
// scenario loader and the classroom's exercise loader): for every object of a real
// document that the schema describes with `properties`, the loader must accept each of
// those properties and reject, at the right path, every other field name the format uses
// anywhere. Every such object of the schema must be met at least once. Test-only.
#pragma once

#include <doctest/doctest.h>

#include <filesystem>
#include <functional>
#include <map>
#include <regex>
#include <set>
#include <string>
#include <vector>

#include "scoring/core/diagnostic.h"
#include "scoring/core/json_doc.h"

namespace chatdrill::test::format {

namespace fs = std::filesystem;
using scoring::element_path;
using scoring::Json;
using scoring::member_path;

inline std::string pointer_key(const std::string& key) {  // RFC 6901 escaping
  std::string out;
  for (char c : key) out += c == '~' ? "~0" : c == '/' ? "~1" : std::string(1, c);
  return out;
}

// Every object of the schema that lists `properties`, by its JSON pointer in the schema.
inline void schema_objects(const Json& node, const std::string& at, std::map<std::string, std::set<std::string>>& out) {
  if (node.is_array()) {
    for (std::size_t i = 0; i < node.size(); ++i) schema_objects(node[i], at + "/" + std::to_string(i), out);
    return;
  }
  if (!node.is_object()) return;
  if (auto it = node.find("properties"); it != node.end() && it->is_object()) {
    auto& names = out[at];
    for (const auto& [key, unused] : it->items())
      if (key[0] != '$') names.insert(key);  // $schema and the like: the loader skips $ keys by design
  }
  for (const auto& [key, child] : node.items())
    if (key != "enum" && key != "const" && key != "examples") schema_objects(child, at + "/" + pointer_key(key), out);
}

// An object of a document, with the schema object that describes it.
struct Met {
  std::string schema_at;     // pointer into the schema
  Json::json_pointer where;  // pointer into the document
  std::string path;          // the diagnostics' path (nodes.start.expect[0])
};

struct Walker {
  const Json& schema;
  std::vector<Met> met;

  const Json& at(const std::string& pointer) const { return schema.at(Json::json_pointer(pointer)); }

  void walk(const std::string& s_at, const Json& value, const Json::json_pointer& where, const std::string& path) {
    const Json& s = at(s_at);
    if (!s.is_object()) return;
    if (auto ref = s.find("$ref"); ref != s.end()) walk(ref->get<std::string>().substr(1), value, where, path);
    for (const char* choice : {"oneOf", "anyOf"})
      if (auto branches = s.find(choice); branches != s.end())
        for (std::size_t i = 0; i < branches->size(); ++i)
          if (fits((*branches)[i], value)) walk(s_at + "/" + choice + "/" + std::to_string(i), value, where, path);
    if (value.is_object()) walk_object(s_at, s, value, where, path);
    if (value.is_array()) walk_array(s_at, s, value, where, path);
  }

  // A oneOf/anyOf branch worth following: its type (if it states one) is the value's.
  bool fits(const Json& branch, const Json& value) const {
    const Json& b = branch.contains("$ref") ? at(branch["$ref"].get<std::string>().substr(1)) : branch;
    if (!b.is_object() || !b.contains("type") || !b["type"].is_string()) return true;
    const std::string type = b["type"];
    return type == "object" ? value.is_object() : type == "array" ? value.is_array() : !value.is_structured();
  }

  void walk_object(const std::string& s_at, const Json& s, const Json& value, const Json::json_pointer& where,
                   const std::string& path) {
    if (s.contains("properties")) met.push_back({s_at, where, path});
    for (const auto& [key, child] : value.items()) {
      const auto child_where = where / key;
      const auto child_path = member_path(path, key);
      if (s.contains("properties") && s["properties"].contains(key)) {
        walk(s_at + "/properties/" + pointer_key(key), child, child_where, child_path);
        continue;
      }
      bool matched = false;
      if (auto pp = s.find("patternProperties"); pp != s.end())
        for (const auto& [pattern, unused] : pp->items())
          if (std::regex_search(key, std::regex(pattern))) {
            walk(s_at + "/patternProperties/" + pointer_key(pattern), child, child_where, child_path);
            matched = true;
          }
      if (!matched && s.contains("additionalProperties") && s["additionalProperties"].is_object())
        walk(s_at + "/additionalProperties", child, child_where, child_path);
    }
  }

  void walk_array(const std::string& s_at, const Json& s, const Json& value, const Json::json_pointer& where,
                  const std::string& path) {
    for (std::size_t i = 0; i < value.size(); ++i) {
      const bool prefixed = s.contains("prefixItems") && i < s["prefixItems"].size();
      if (!prefixed && !s.contains("items")) continue;
      walk(prefixed ? s_at + "/prefixItems/" + std::to_string(i) : s_at + "/items", value[i], where / i,
           element_path(path, i));
    }
  }
};

using Loader = std::function<scoring::Diagnostics(const scoring::JsonDoc&)>;

inline bool unknown_at(const scoring::Diagnostics& ds, const std::string& path) {
  for (const auto& d : ds)
    if (d.path == path && d.message.rfind("unknown", 0) == 0) return true;
  return false;
}

// Checks every object of `files` against the schema; returns the schema objects met.
inline std::set<std::string> check_agreement(const std::string& schema_file, const std::vector<std::string>& files,
                                             const Loader& load) {
  const auto schema_doc = scoring::parse_json_file(schema_file);
  REQUIRE(schema_doc.doc);
  const Json& schema = schema_doc.doc->root;
  std::map<std::string, std::set<std::string>> objects;
  schema_objects(schema, "", objects);
  std::set<std::string> vocabulary;  // every field name the format uses somewhere
  for (const auto& [at, names] : objects) vocabulary.insert(names.begin(), names.end());
  std::set<std::string> met;
  // Each kind of object is checked in its first few places: one load of a mutant file per
  // check, so checking every place would cost objects x file size (minutes in the sanitizer
  // build with the library's 28 files) and find nothing more.
  constexpr int k_checks_per_object = 4;
  std::map<std::string, int> checks;
  for (const auto& file : files) {
    CAPTURE(file);
    const auto parsed = scoring::parse_json_file(file);
    REQUIRE(parsed.doc);
    Walker walker{schema, {}};
    walker.walk("", parsed.doc->root, Json::json_pointer(), "");
    for (const auto& m : walker.met) {
      CAPTURE(m.path);
      CAPTURE(m.schema_at);
      const auto& names = objects.at(m.schema_at);
      met.insert(m.schema_at);
      if (++checks[m.schema_at] > k_checks_per_object) continue;
      // Every property of the schema is there (null if the file lacks it), plus every other
      // name of the format: the loader may complain about the nulls, never call one unknown.
      Json mutant = parsed.doc->root;
      Json& object = mutant[m.where];
      for (const auto& name : names)
        if (!object.contains(name)) object[name] = nullptr;
      for (const auto& name : vocabulary)
        if (!names.count(name)) object[name] = nullptr;
      const auto doc = scoring::parse_json(mutant.dump(1), file);
      REQUIRE(doc.doc);
      const auto ds = load(*doc.doc);
      for (const auto& name : names)
        CHECK_MESSAGE(!unknown_at(ds, member_path(m.path, name)), "the loader does not accept \"" << name << "\"");
      for (const auto& name : vocabulary)
        if (!names.count(name))
          CHECK_MESSAGE(unknown_at(ds, member_path(m.path, name)),
                        "the loader accepts \"" << name << "\", the schema does not");
    }
  }
  for (const auto& object : objects)  // named, not bound: doctest's macros are lambdas (clang 14)
    CHECK_MESSAGE(met.count(object.first), "no checked document has an object for " << object.first);
  return met;
}

inline std::vector<std::string> json_files(const fs::path& dir) {
  std::vector<std::string> out;
  for (const auto& e : fs::directory_iterator(dir))
    if (e.path().extension() == ".json") out.push_back(e.path().string());
  std::sort(out.begin(), out.end());
  return out;
}

}  // namespace chatdrill::test::format

// JSON Schema checking of located documents; see schema_check.h for the supported subset.
// Schemas are loaded once per path (patterns compiled up front) and shared read-only.
#include "schema_check.h"

#include "field_reader.h"
#include "schema_pattern.h"

#include "scoring/core/paths.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <memory>
#include <mutex>
#include <set>

namespace chatdrill::engine {

using scoring::Diagnostic;
using scoring::Diagnostics;
using scoring::Json;
using scoring::JsonDoc;

namespace {

struct LoadedSchema {
  Json root;
  std::map<std::string, SchemaPattern> regexes;  // every `pattern` and patternProperties key
  std::optional<Diagnostic> error;               // the schema file itself is broken
};

void compile_patterns(const Json& node, LoadedSchema& out, const std::string& file) {
  auto compile = [&](const std::string& pattern) {
    if (out.regexes.count(pattern)) return;
    std::string why;
    if (auto compiled = SchemaPattern::compile(pattern, why)) out.regexes.emplace(pattern, std::move(*compiled));
    else if (!out.error)
      out.error = Diagnostic{file, {}, "", fmt::format("schema: invalid pattern \"{}\": {}", pattern, why)};
  };
  if (node.is_object()) {
    if (auto it = node.find("pattern"); it != node.end() && it->is_string()) compile(it->get<std::string>());
    if (auto it = node.find("patternProperties"); it != node.end() && it->is_object())
      for (const auto& [key, unused] : it->items()) compile(key);
    for (const auto& [key, child] : node.items()) compile_patterns(child, out, file);
  } else if (node.is_array()) {
    for (const auto& child : node) compile_patterns(child, out, file);
  }
}

std::shared_ptr<const LoadedSchema> load_schema(const std::string& path) {
  static std::mutex mutex;
  static std::map<std::string, std::shared_ptr<const LoadedSchema>> cache;
  std::lock_guard lock(mutex);
  if (auto it = cache.find(path); it != cache.end()) return it->second;
  auto loaded = std::make_shared<LoadedSchema>();
  auto parsed = scoring::parse_json_file(path);
  if (!parsed.doc) {
    loaded->error = *parsed.error;
    loaded->error->message = "schema: " + loaded->error->message;
  } else {
    loaded->root = std::move(parsed.doc->root);
    compile_patterns(loaded->root, *loaded, path);
  }
  cache.emplace(path, loaded);
  return loaded;
}

std::string number_text(double v) { return fmt::format("{}", v); }

std::string quoted_list(const Json& values) {
  std::string out;
  for (const auto& v : values) out += (out.empty() ? "" : ", ") + v.dump();
  return out;
}

// Walks a schema and an instance together, writing every violation to `out`.
class Checker {
 public:
  Checker(const LoadedSchema& schema, const JsonDoc& doc, Diagnostics& out) : schema_(schema), doc_(doc), out_(out) {}

  void check(const Json& s, const Json& v, const std::string& path, int depth = 0);

 private:
  const LoadedSchema& schema_;
  const JsonDoc& doc_;
  Diagnostics& out_;

  void error(const std::string& path, std::string message) { out_.push_back(doc_.diag(path, std::move(message))); }
  void error_at_key(const std::string& path, std::string message) {
    out_.push_back(Diagnostic{doc_.file, doc_.key_pos(path), path, std::move(message)});
  }
  const Json* resolve(const std::string& ref) const;
  bool check_type(const Json& s, const Json& v, const std::string& path);
  bool type_fits(const Json& s, const Json& v, int depth = 0) const;  // like check_type, silently
  void check_object(const Json& s, const Json& v, const std::string& path, int depth);
  void check_members(const Json& s, const Json& v, const std::string& path, int depth);
  void check_array(const Json& s, const Json& v, const std::string& path, int depth);
  void check_string(const Json& s, const Json& v, const std::string& path);
  void check_number(const Json& s, const Json& v, const std::string& path);
  void check_choice(const Json& s, const Json& v, const std::string& path, int depth);
  bool matches(const std::string& pattern, const std::string& text) const;
};

const Json* Checker::resolve(const std::string& ref) const {
  if (ref.rfind("#", 0) != 0) return nullptr;
  try {
    const Json::json_pointer pointer(ref.substr(1));
    return &schema_.root.at(pointer);
  } catch (const std::exception&) { return nullptr; }
}

bool Checker::matches(const std::string& pattern, const std::string& text) const {
  auto it = schema_.regexes.find(pattern);
  return it == schema_.regexes.end() || it->second.search(text);
}

bool type_is(const std::string& type, const Json& v) {
  if (type == "object") return v.is_object();
  if (type == "array") return v.is_array();
  if (type == "string") return v.is_string();
  if (type == "boolean") return v.is_boolean();
  if (type == "null") return v.is_null();
  if (type == "number") return v.is_number();
  if (type == "integer")
    return v.is_number_integer() || (v.is_number_float() && std::floor(v.get<double>()) == v.get<double>());
  return true;  // unknown type names do not reject anything
}

const char* type_words(const std::string& type) {
  if (type == "object") return "an object";
  if (type == "array") return "a list";
  if (type == "string") return "a string";
  if (type == "boolean") return "true or false";
  if (type == "null") return "null";
  if (type == "integer") return "a whole number";
  return "a number";
}

bool Checker::type_fits(const Json& s, const Json& v, int depth) const {
  if (!s.is_object() || depth > 50) return true;
  if (auto ref = s.find("$ref"); ref != s.end() && ref->is_string())
    if (const Json* target = resolve(ref->get<std::string>()); target && !type_fits(*target, v, depth + 1))
      return false;
  auto it = s.find("type");
  if (it == s.end()) return true;
  if (it->is_string()) return type_is(it->get<std::string>(), v);
  if (!it->is_array()) return true;
  return std::any_of(it->begin(), it->end(),
                     [&](const Json& t) { return t.is_string() && type_is(t.get<std::string>(), v); });
}

bool Checker::check_type(const Json& s, const Json& v, const std::string& path) {
  auto it = s.find("type");
  if (it == s.end()) return true;
  std::vector<std::string> types;
  if (it->is_string()) types.push_back(it->get<std::string>());
  else if (it->is_array())
    for (const auto& t : *it)
      if (t.is_string()) types.push_back(t.get<std::string>());
  std::string wanted;
  for (const auto& t : types) {
    if (type_is(t, v)) return true;
    wanted += (wanted.empty() ? "" : " or ") + std::string(type_words(t));
  }
  if (types.empty()) return true;
  const bool contains_integer = std::find(types.begin(), types.end(), "integer") != types.end();
  error(path, fmt::format("must be {}, not {}", wanted,
                          v.is_number() && contains_integer ? v.dump() : std::string(json_type_name(v))));
  return false;
}

void Checker::check(const Json& s, const Json& v, const std::string& path, int depth) {
  if (s.is_boolean()) {
    if (!s.get<bool>()) error(path, "is not allowed here");
    return;
  }
  if (!s.is_object()) return;
  if (auto ref = s.find("$ref"); ref != s.end() && ref->is_string()) {
    const Json* target = resolve(ref->get<std::string>());
    if (!target) error(path, fmt::format("schema: cannot resolve $ref \"{}\"", ref->get<std::string>()));
    else if (depth > 200) error(path, "schema: $ref nesting too deep (a loop?)");
    else check(*target, v, path, depth + 1);
  }
  if (auto c = s.find("const"); c != s.end() && *c != v) error(path, fmt::format("must be {}", c->dump()));
  if (auto e = s.find("enum"); e != s.end() && e->is_array() && std::find(e->begin(), e->end(), v) == e->end())
    error(path, fmt::format("{} is not one of {}", scoring::quoted_value(v), quoted_list(*e)));
  check_choice(s, v, path, depth);
  if (!check_type(s, v, path)) return;
  if (v.is_object()) check_object(s, v, path, depth);
  else if (v.is_array()) check_array(s, v, path, depth);
  else if (v.is_string()) check_string(s, v, path);
  else if (v.is_number()) check_number(s, v, path);
}

void Checker::check_object(const Json& s, const Json& v, const std::string& path, int depth) {
  const Json* props = s.contains("properties") && s["properties"].is_object() ? &s["properties"] : nullptr;
  if (auto req = s.find("required"); req != s.end() && req->is_array()) {
    for (const auto& name : *req) {
      if (!name.is_string() || v.contains(name.get<std::string>())) continue;
      std::string what;
      if (props && props->contains(name.get<std::string>())) {
        const Json& p = (*props)[name.get<std::string>()];
        if (p.is_object() && p.contains("description") && p["description"].is_string())
          what = ": " + p["description"].get<std::string>();
      }
      error(path, fmt::format("missing required member \"{}\"{}", name.get<std::string>(), what));
    }
  }
  if (auto n = s.find("minProperties"); n != s.end() && n->is_number() && v.size() < n->get<double>())
    error(path, fmt::format("needs at least {} member(s)", number_text(n->get<double>())));
  check_members(s, v, path, depth);
}

void Checker::check_members(const Json& s, const Json& v, const std::string& path, int depth) {
  const Json empty = Json::object();
  const Json& props = s.contains("properties") && s["properties"].is_object() ? s["properties"] : empty;
  const Json& patterns =
      s.contains("patternProperties") && s["patternProperties"].is_object() ? s["patternProperties"] : empty;
  const Json* additional = s.contains("additionalProperties") ? &s["additionalProperties"] : nullptr;
  const Json* names = s.contains("propertyNames") ? &s["propertyNames"] : nullptr;
  std::vector<std::string> known;
  for (const auto& [name, unused] : props.items()) known.push_back(name);
  for (const auto& [key, value] : v.items()) {
    const std::string child = scoring::member_path(path, key);
    if (names && names->is_object() && names->contains("pattern") &&
        !matches((*names)["pattern"].get<std::string>(), key))
      error_at_key(child,
                   fmt::format("\"{}\" is not an allowed name here ({})", key,
                               names->value("description", "pattern " + (*names)["pattern"].get<std::string>())));
    bool covered = false;
    if (props.contains(key)) {
      check(props[key], value, child, depth);
      covered = true;
    }
    for (const auto& [pattern, sub] : patterns.items())
      if (matches(pattern, key)) {
        check(sub, value, child, depth);
        covered = true;
      }
    if (covered || !additional) continue;
    if (additional->is_boolean() && !additional->get<bool>())
      error_at_key(child, fmt::format("unknown member \"{}\"{}", key, did_you_mean(key, known)));
    else check(*additional, value, child, depth);
  }
}

void Checker::check_array(const Json& s, const Json& v, const std::string& path, int depth) {
  if (auto n = s.find("minItems"); n != s.end() && n->is_number() && v.size() < n->get<double>())
    error(path, v.empty() ? std::string("must not be empty")
                          : fmt::format("needs at least {} items", number_text(n->get<double>())));
  if (auto n = s.find("maxItems"); n != s.end() && n->is_number() && v.size() > n->get<double>())
    error(path, fmt::format("has {} items, at most {} allowed", v.size(), number_text(n->get<double>())));
  std::size_t first = 0;
  if (auto pre = s.find("prefixItems"); pre != s.end() && pre->is_array()) {
    for (; first < pre->size() && first < v.size(); ++first)
      check((*pre)[first], v[first], scoring::element_path(path, first), depth);
    first = pre->size();
  }
  if (auto items = s.find("items"); items != s.end())
    for (std::size_t i = first; i < v.size(); ++i) check(*items, v[i], scoring::element_path(path, i), depth);
}

std::size_t code_points(const std::string& text) {
  std::size_t n = 0;
  for (unsigned char c : text) n += (c & 0xC0) != 0x80;
  return n;
}

void Checker::check_string(const Json& s, const Json& v, const std::string& path) {
  const std::string& text = v.get_ref<const std::string&>();
  if (auto n = s.find("minLength"); n != s.end() && n->is_number() && code_points(text) < n->get<double>())
    error(path, text.empty() ? std::string("must not be empty")
                             : fmt::format("must be at least {} characters long", number_text(n->get<double>())));
  if (auto n = s.find("maxLength"); n != s.end() && n->is_number() && code_points(text) > n->get<double>())
    error(path, fmt::format("must be at most {} characters long", number_text(n->get<double>())));
  if (auto p = s.find("pattern"); p != s.end() && p->is_string() && !matches(p->get<std::string>(), text)) {
    const std::string rule = s.value("description", "pattern " + p->get<std::string>());
    error(path, fmt::format("\"{}\" is not allowed here: {}", text, rule));
  }
}

void Checker::check_number(const Json& s, const Json& v, const std::string& path) {
  const double x = v.get<double>();
  auto bound = [&](const char* key) -> std::optional<double> {
    auto it = s.find(key);
    if (it == s.end() || !it->is_number()) return std::nullopt;
    return it->get<double>();
  };
  const std::string got = number_text(x);
  if (auto b = bound("minimum"); b && x < *b)
    error(path, fmt::format("{} is below the minimum {}", got, number_text(*b)));
  if (auto b = bound("maximum"); b && x > *b)
    error(path, fmt::format("{} is above the maximum {}", got, number_text(*b)));
  if (auto b = bound("exclusiveMinimum"); b && x <= *b)
    error(path, fmt::format("{} must be more than {}", got, number_text(*b)));
  if (auto b = bound("exclusiveMaximum"); b && x >= *b)
    error(path, fmt::format("{} must be less than {}", got, number_text(*b)));
}

// anyOf: at least one branch holds; oneOf: exactly one. When none holds, the errors of the
// branch that came closest are reported, so the message is about the likely intent.
void Checker::check_choice(const Json& s, const Json& v, const std::string& path, int depth) {
  for (const char* key : {"anyOf", "oneOf"}) {
    auto it = s.find(key);
    if (it == s.end() || !it->is_array() || it->empty()) continue;
    std::optional<Diagnostics> best;
    std::size_t best_rank = 0;
    int passing = 0;
    for (const auto& branch : *it) {
      Diagnostics found;
      Checker(schema_, doc_, found).check(branch, v, path, depth + 1);
      if (found.empty()) {
        ++passing;
        continue;
      }
      // A branch of the value's own type explains more than "must be a string" does.
      const std::size_t rank = found.size() + (type_fits(branch, v) ? 0 : 1000);
      if (!best || rank < best_rank) best = std::move(found), best_rank = rank;
    }
    if (passing == 0 && best) out_.insert(out_.end(), best->begin(), best->end());
    if (passing > 1 && std::string(key) == "oneOf")
      error(path, fmt::format("matches {} of the allowed forms; it must match exactly one", passing));
  }
}

}  // namespace

Diagnostics check_schema(const JsonDoc& doc, const std::string& schema_path, const std::set<std::string>& judged) {
  const auto schema = load_schema(schema_path);
  if (schema->error) {
    // A missing or broken schema is an installation problem, not a fault of the checked file.
    Diagnostic d = *schema->error;
    d.severity = scoring::Severity::warning;
    return {d};
  }
  Diagnostics out;
  Checker(*schema, doc, out).check(schema->root, doc.root, "");
  std::erase_if(out, [&](const Diagnostic& d) { return judged.count(d.path) > 0; });
  return out;
}

std::string scenario_schema_path() { return scoring::data_path("scenarios/schema/scenario.schema.json").string(); }
std::string exercise_schema_path() { return scoring::data_path("scenarios/schema/exercise.schema.json").string(); }

}  // namespace chatdrill::engine

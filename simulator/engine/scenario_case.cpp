// Reading a scenario's case data (`case`: the facts the trainee looks up in the case
// panel), its trained `skills`, and substituting `{case.<section>.<field>}` references in
// its texts. See docs/scenario-format.md ("Case data").
#include <fmt/format.h>

#include <algorithm>
#include <optional>
#include <set>
#include <string_view>

#include "scenario_reading.h"
#include "scoring/grade.h"

namespace chatdrill::engine::detail {

using scoring::Json;

namespace {

bool is_case_id(const std::string& id) {
  return !id.empty() && std::all_of(id.begin(), id.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
  });
}

constexpr std::string_view k_ref_open = "{case.";

// `text` with every {case.section.field} replaced; unknown references are reported at `path`.
std::string substitute(FieldReader& r, const std::string& text, const std::string& path, const Scenario& s,
                       const std::vector<std::string>& known) {
  std::string out;
  std::size_t at = 0;
  while (true) {
    const std::size_t open = text.find(k_ref_open, at);
    if (open == std::string::npos) break;
    const std::size_t close = text.find('}', open);
    if (close == std::string::npos) break;
    const std::string ref = text.substr(open + k_ref_open.size(), close - open - k_ref_open.size());
    out.append(text, at, open - at);
    const std::size_t dot = ref.find('.');
    const std::string* value =
        dot == std::string::npos ? nullptr : case_value(s, ref.substr(0, dot), ref.substr(dot + 1));
    if (value) {
      out += *value;
    } else {
      r.error(path, fmt::format("unknown case reference \"{{case.{}}}\"{}: write {{case.<section id>.<field id>}} "
                                "naming a field of \"case\"",
                                ref, did_you_mean(ref, known)));
      out.append(text, open, close + 1 - open);
    }
    at = close + 1;
  }
  if (at == 0) return text;
  out.append(text, at, std::string::npos);
  return out;
}

// Walks `value` keeping the path as a stack of segments, so a path string is built only
// for a text that holds a reference (hostile files with long keys stay linear).
struct Walker {
  FieldReader& r;
  const Scenario& s;
  const std::vector<std::string>& known;
  std::vector<std::pair<const std::string*, std::size_t>> at;  // member key, or element index

  std::string path() const {
    std::string out;
    for (const auto& [key, index] : at) out = key ? member_path(out, *key) : element_path(out, index);
    return out;
  }

  void walk(Json& value) {
    if (value.is_string()) {
      const auto& text = value.get_ref<const std::string&>();
      if (text.find(k_ref_open) != std::string::npos) value = substitute(r, text, path(), s, known);
    } else if (value.is_array()) {
      for (std::size_t i = 0; i < value.size(); ++i) {
        at.emplace_back(nullptr, i);
        walk(value[i]);
        at.pop_back();
      }
    } else if (value.is_object()) {
      for (auto it = value.begin(); it != value.end(); ++it) {
        if (it.key().empty() || it.key()[0] == '$' || it.key()[0] == '_') continue;
        at.emplace_back(&it.key(), 0);
        walk(it.value());
        at.pop_back();
      }
    }
  }
};

// Whether any text below `value` (outside "case", comments and editor keys) has a reference.
bool has_refs(const Json& value, bool top = false) {
  if (value.is_string()) return value.get_ref<const std::string&>().find(k_ref_open) != std::string::npos;
  if (value.is_array()) return std::any_of(value.begin(), value.end(), [](const Json& v) { return has_refs(v); });
  if (value.is_object())
    for (auto it = value.begin(); it != value.end(); ++it) {
      if (it.key().empty() || it.key()[0] == '$' || it.key()[0] == '_' || (top && it.key() == "case")) continue;
      if (has_refs(it.value())) return true;
    }
  return false;
}

}  // namespace

const std::string* case_value(const Scenario& s, std::string_view section, std::string_view field) {
  for (const auto& sec : s.case_data)
    if (sec.id == section)
      for (const auto& f : sec.fields)
        if (f.id == field) return &f.value;
  return nullptr;
}

namespace {

// A section's or field's "id": lowercase letters, digits and _, once within `seen`
// (`what` names it in messages: "section", "field"; `where` is added to "appears twice").
std::string read_case_id(FieldReader& r, const Json& obj, const std::string& path, std::string_view what,
                         std::set<std::string>& seen, std::string_view where) {
  std::string id = r.text(obj, path, "id", true, "lowercase letters, digits and _").value_or("");
  if (id.empty()) return id;
  if (!is_case_id(id))
    r.error(member_path(path, "id"),
            fmt::format("\"{}\" is not a valid {} id: use lowercase letters, digits and _", id, what));
  if (!seen.insert(id).second)
    r.error(member_path(path, "id"), fmt::format("{} \"{}\" appears twice{}", what, id, where));
  return id;
}

}  // namespace

void read_case(FieldReader& r, const Json& root, Scenario& s) {
  const Json* cj = r.member(root, "", "case", false);
  if (!cj) return;
  if (!cj->is_array()) {
    r.wrong_type("case", *cj, "a list of sections {\"id\", \"title\", \"fields\"}");
    return;
  }
  std::set<std::string> section_ids;
  for (std::size_t i = 0; i < cj->size(); ++i) {
    const std::string p = element_path("case", i);
    const Json& sj = (*cj)[i];
    if (!sj.is_object()) {
      r.wrong_type(p, sj, "a section {\"id\", \"title\", \"fields\"}");
      continue;
    }
    r.check_members(sj, p, {"id", "title", "fields"});
    CaseSection sec;
    sec.id = read_case_id(r, sj, p, "section", section_ids, "");
    sec.title = r.text(sj, p, "title", true, "the heading shown in the case panel").value_or(sec.id);
    const Json* fj = r.member(sj, p, "fields", true, "the facts: a list of {\"id\", \"label\", \"value\"}");
    if (fj && !fj->is_array()) r.wrong_type(member_path(p, "fields"), *fj, "a list of {\"id\", \"label\", \"value\"}");
    if (fj && fj->is_array()) {
      if (fj->empty()) r.error(member_path(p, "fields"), "a section needs at least one field");
      std::set<std::string> field_ids;
      for (std::size_t k = 0; k < fj->size(); ++k) {
        const std::string fp = element_path(member_path(p, "fields"), k);
        const Json& f = (*fj)[k];
        if (!f.is_object()) {
          r.wrong_type(fp, f, "a field {\"id\", \"label\", \"value\"}");
          continue;
        }
        r.check_members(f, fp, {"id", "label", "value"});
        CaseField field;
        field.id = read_case_id(r, f, fp, "field", field_ids, fmt::format(" in section \"{}\"", sec.id));
        field.label = r.text(f, fp, "label", true, "what the case panel calls it").value_or(field.id);
        field.value = r.text(f, fp, "value", true, "the fact itself").value_or("");
        if (field.value.find(k_ref_open) != std::string::npos)
          r.error(member_path(fp, "value"), "a case value cannot refer to other case data");
        sec.fields.push_back(std::move(field));
      }
    }
    s.case_data.push_back(std::move(sec));
  }
}

std::optional<Json> substitute_case_refs(FieldReader& r, const Json& root, const Scenario& s) {
  if (!root.is_object() || !has_refs(root, true)) return std::nullopt;
  Json out = root;
  std::vector<std::string> known;
  for (const auto& sec : s.case_data)
    for (const auto& f : sec.fields) known.push_back(sec.id + "." + f.id);
  Walker walker{r, s, known, {}};
  for (auto it = out.begin(); it != out.end(); ++it) {
    if (it.key() == "case" || it.key().empty() || it.key()[0] == '$' || it.key()[0] == '_') continue;
    walker.at.emplace_back(&it.key(), 0);
    walker.walk(it.value());
    walker.at.pop_back();
  }
  return out;
}

void read_skills(FieldReader& r, const Json& root, Scenario& s) {
  auto skills = r.texts(root, "", "skills", false, true, "the dimensions the scenario trains");
  if (!skills) return;
  std::vector<std::string> names(scoring::k_dimensions.begin(), scoring::k_dimensions.end());
  std::set<std::string> seen;
  for (std::size_t i = 0; i < skills->size(); ++i) {
    const std::string& skill = (*skills)[i];
    if (!scoring::dimension_index(skill)) {
      r.error(element_path("skills", i), fmt::format("unknown skill \"{}\"{}; one of speed, politeness, clarifying, "
                                                     "engagement, resolution, writing",
                                                     skill, did_you_mean(skill, names)));
    } else if (seen.insert(skill).second) {
      s.skills.push_back(skill);
    }
  }
}

void apply_skill_weights(Scenario& s, bool weights_given) {
  if (weights_given || s.skills.empty()) return;
  for (std::size_t k = 0; k < scoring::k_dimension_count; ++k) s.rubric.weights[k] = 1;
  for (const auto& skill : s.skills)
    if (auto k = scoring::dimension_index(skill)) s.rubric.weights[*k] = k_skill_weight;
}

}  // namespace chatdrill::engine::detail

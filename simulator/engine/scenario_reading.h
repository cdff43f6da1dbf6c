// Internal to the scenario loader: the parts that read nodes and check the graph, shared
// by scenario_loader.cpp, scenario_nodes.cpp and scenario_checks.cpp. Not a public API.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "field_reader.h"
#include "scenario.h"

namespace chatdrill::engine::detail {

// A place in the file that names a node (goto, back, start, model_replies[].node, ...).
struct NodeRef {
  std::string target;
  std::string path;
};

struct ReadContext {
  FieldReader& reader;
  Scenario& scenario;
  std::vector<NodeRef> refs;
};

// Reads `nodes` (and fills scenario.nodes / node_order); records every node reference.
void read_nodes(ReadContext& ctx, const scoring::Json& nodes);
// Reads a matcher's word lists (keywords, stems, phrases, prefixes, any) from `obj`.
Matcher read_matcher(FieldReader& r, const scoring::Json& obj, const std::string& path);

// Reads the self-tests (`tests`, scenario_selftests.cpp).
void read_tests(ReadContext& ctx, const scoring::Json& root);

// Unknown node references, unreachable nodes, nodes with no way out, no reachable ending.
void check_graph(ReadContext& ctx);

// Case data and skills (scenario_case.cpp).
void read_case(FieldReader& r, const scoring::Json& root, Scenario& s);
void read_skills(FieldReader& r, const scoring::Json& root, Scenario& s);
// `root` with every {case.section.field} in its texts replaced by the field's value
// (none: `root` has no reference); unknown references are reported where they are.
std::optional<scoring::Json> substitute_case_refs(FieldReader& r, const scoring::Json& root, const Scenario& s);
// Trained dimensions weigh k_skill_weight unless the file gives scoring.weights.
void apply_skill_weights(Scenario& s, bool weights_given);
const std::string* case_value(const Scenario& s, std::string_view section, std::string_view field);

bool is_node_id(const std::string& id);  // [A-Za-z0-9_-]+
bool is_outcome(const std::string& id);  // [a-z_]+

}  // namespace chatdrill::engine::detail

// Whole-scenario checks after reading: every reference names a node, every node can be
// reached and left, an ending can be reached. Part of the scenario loader.
#include <fmt/format.h>

#include <deque>
#include <map>
#include <set>

#include "scenario_reading.h"

namespace chatdrill::engine::detail {

namespace {

// Nodes a node can lead to (only ones that exist).
std::vector<std::string> successors(const Scenario& s, const Node& node) {
  std::vector<std::string> out;
  auto add = [&](const std::string& id) {
    if (!id.empty() && s.node(id)) out.push_back(id);
  };
  for (const auto& intent : node.expect) add(intent.go_to);
  if (node.fallback) add(node.fallback->go_to);
  if (node.silence) add(node.silence->back);
  return out;
}

std::set<std::string> reachable_from(const Scenario& s, const std::string& from) {
  std::set<std::string> seen{from};
  std::deque<std::string> queue{from};
  while (!queue.empty()) {
    const Node* node = s.node(queue.front());
    queue.pop_front();
    if (!node || node->end) continue;
    for (const auto& next : successors(s, *node))
      if (seen.insert(next).second) queue.push_back(next);
  }
  return seen;
}

// Every node from which some ending can be reached: one walk backwards from all endings,
// so the check stays linear in the nodes however long the chains are.
std::set<std::string> reaching_an_ending(const Scenario& s) {
  std::map<std::string, std::vector<std::string>> into;  // node -> nodes leading to it
  std::deque<std::string> queue;
  std::set<std::string> seen;
  for (const auto& id : s.node_order) {
    const Node& node = s.nodes.at(id);
    if (node.end) {
      if (seen.insert(id).second) queue.push_back(id);
      continue;  // an ending leads nowhere
    }
    for (const auto& next : successors(s, node)) into[next].push_back(id);
  }
  while (!queue.empty()) {
    const auto it = into.find(queue.front());
    queue.pop_front();
    if (it == into.end()) continue;
    for (const auto& from : it->second)
      if (seen.insert(from).second) queue.push_back(from);
  }
  return seen;
}

// Returns false if any reference names no node.
bool check_references(ReadContext& ctx) {
  bool ok = true;
  for (const auto& ref : ctx.refs) {
    if (ctx.scenario.node(ref.target)) continue;
    ok = false;
    ctx.reader.error(
        ref.path, fmt::format("unknown node \"{}\"{}", ref.target, did_you_mean(ref.target, ctx.scenario.node_order)));
  }
  return ok;
}

void check_ways_out(ReadContext& ctx) {
  const Scenario& s = ctx.scenario;
  for (const auto& id : s.node_order) {
    const Node& node = s.nodes.at(id);
    if (node.end || node.silence) continue;
    bool leaves = false;
    for (const auto& next : successors(s, node)) leaves = leaves || next != id;
    if (!leaves)
      ctx.reader.error(member_path("nodes", id),
                       fmt::format("node \"{}\" has no way out: no intent or fallback leads to another node, "
                                   "and it is not an ending (\"end\") or a silence",
                                   id));
  }
}

}  // namespace

void check_graph(ReadContext& ctx) {
  // A broken reference would make the structure checks below report its consequences
  // (unreachable nodes, no way out) as if they were separate mistakes.
  if (!check_references(ctx)) return;
  const Scenario& s = ctx.scenario;
  FieldReader& r = ctx.reader;
  if (!s.node(s.start)) return;  // "start" missing or not a string: already reported
  check_ways_out(ctx);
  const auto reachable = reachable_from(s, s.start);
  for (const auto& id : s.node_order)
    if (!reachable.count(id))
      r.error_at_key(member_path("nodes", id),
                     fmt::format("node \"{}\" can never be reached from the start node \"{}\"", id, s.start));
  bool any_ending = false;
  for (const auto& id : reachable) any_ending = any_ending || s.node(id)->end.has_value();
  if (!any_ending) {
    r.error("start",
            fmt::format("no ending can be reached from \"{}\": add a node with \"end\" and a way to it", s.start));
    return;
  }
  const auto can_end = reaching_an_ending(s);
  for (const auto& id : s.node_order) {
    const Node& node = s.nodes.at(id);
    if (reachable.count(id) && !node.end && !can_end.count(id))
      r.warning(member_path("nodes", id),
                fmt::format("no ending can be reached from node \"{}\": the chat can only end by the customer "
                            "leaving or the time running out",
                            id));
  }
}

}  // namespace chatdrill::engine::detail

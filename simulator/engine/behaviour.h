// Built-in customer behaviour (DESIGN.md, "Personas"): what every persona does without
// authoring — waits on a hold, pushes back on a channel bounce, reacts to blame, rudeness
// and dismissal, comes back on a check-in, waits after a greeting or thanks only, answers
// several intents in one message, and escalates after repeated misunderstanding. Defaults
// per language are data (scenarios/behaviour/<lang>.json); a scenario and a node override
// any part with an object of the same shape, or switch it off with false. UI-free.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "field_reader.h"
#include "scoring/core/json_doc.h"
#include "scoring/text.h"

namespace chatdrill::engine {

struct Scenario;
struct Node;

inline constexpr const char* k_behaviour_format = "chatdrill.behaviour/1";

struct Reaction {
  bool enabled = true;
  double mood = 0;               // mood change when it happens
  std::vector<std::string> say;  // the customer's line (variants)
};

struct Behaviour {
  struct Hold {
    bool enabled = true;
    double seconds = 90;           // how long the customer waits when the agent states no time
    std::vector<std::string> say;  // asked once when the hold runs out ("Joko löytyi?")
  } hold;
  Reaction bounce, blame, rudeness, dismissal;
  // Put before a line the customer says again once every variant has been said
  // ("Kuten sanoin: "): a persona never repeats itself word for word. Its mood is unused.
  Reaction repeat;
  bool checkin = true;       // a check-in in any wording brings a quiet customer back
  bool courtesy = true;      // a greeting or thanks alone gets no fallback: the customer waits
  bool multi_intent = true;  // the customer answers the other intents of one message in turn
  struct Misunderstanding {
    bool enabled = true;
    int limit = 3;               // fallbacks in a row before the customer gives up
    std::string then = "leave";  // "leave" or "escalate"
    std::vector<std::string> say;
  } misunderstanding;
};

// The behaviour at `node` of `scenario`: the language's defaults, then the scenario's
// "behaviour", then the node's. Throws std::runtime_error (file:line:col) when the
// bundled defaults are broken.
Behaviour resolve_behaviour(const Scenario& scenario, const Node& node);

// Checks a "behaviour" object from a scenario file (reported through `r`).
void check_behaviour(FieldReader& r, const scoring::Json& value, const std::string& path);

}  // namespace chatdrill::engine

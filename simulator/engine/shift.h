// Shifts (`chatdrill.shift/1`, docs/scenario-format.md "Shifts"): several customers at once
// under one clock. The plan a trainer writes — which scenarios arrive when, with which seed,
// how many chats the trainee may have open at once (later customers queue) and how long the
// shift lasts — and its reader, whose every finding is located. The runtime is shift_run.h.
// UI-free, no clock.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "scoring/core/diagnostic.h"
#include "scoring/core/json_doc.h"

namespace chatdrill::engine {

struct Scenario;
using Seconds = double;

inline constexpr const char* k_shift_format = "chatdrill.shift/1";
// Limits a shift may ask for; anything outside is a typo, not a lesson plan.
inline constexpr std::size_t k_max_shift_chats = 12;
inline constexpr Seconds k_max_shift_seconds = 12 * 3600.0;

struct ShiftChat {
  std::string id;             // "c1": how replies and the shift transcript name the chat
  std::string scenario_ref;   // as written: a bundled id or a path
  std::string scenario_path;  // resolved file
  Seconds arrive_at = 0;      // shift time the customer writes in
  std::uint64_t seed = 1;     // the chat's session seed
  scoring::SourcePos where;   // of "scenario" in the shift file, for findings about the scenario
};

struct Shift {
  std::string file;  // where it was read from
  std::string id;    // "id", else the file name stem
  std::string title, language, brief;
  std::vector<ShiftChat> chats;     // in file order
  std::optional<int> concurrency;   // chats open at once; the rest queue (none: no limit)
  std::optional<Seconds> duration;  // the shift ends here, open chats with "shift_over"

  const ShiftChat* chat(const std::string& chat_id) const;
};

struct ShiftLoad {
  std::optional<Shift> shift;  // set when there are no errors
  scoring::Diagnostics diagnostics;
};

// Reads a shift; scenario references are resolved (bundled ids via the library with a "did
// you mean", paths relative to the shift file) and must exist. The scenarios themselves are
// loaded by load_shift_scenarios.
ShiftLoad shift_from_doc(const scoring::JsonDoc& doc);
ShiftLoad load_shift(const std::string& path);
bool is_shift_doc(const scoring::JsonDoc& doc);

struct ShiftScenariosLoad {
  std::vector<std::shared_ptr<const Scenario>> scenarios;  // per chat; all loaded when no errors
  scoring::Diagnostics diagnostics;  // the scenarios' own, then the shift's (language, twice used)
};
// Loads and validates each chat's scenario (each file once) and checks it speaks the
// shift's language.
ShiftScenariosLoad load_shift_scenarios(const Shift& shift);

// The bundled shift file for an id (data_path("scenarios/shifts")/<id>.json), if it exists.
std::optional<std::string> find_bundled_shift(const std::string& id);

// What a trainee could copy from one chat into another by mistake: the customer's name
// and the case's identifiers (customer, order, invoice and phone numbers, e-mails: values
// with four or more digits or an @), as shown in the case panel.
struct CustomerFacts {
  std::string name;
  std::vector<std::string> details;
};
CustomerFacts customer_facts(const Scenario& scenario);

// The JSON Schema of shifts: data_path("scenarios/schema/shift.schema.json").
std::string shift_schema_path();

}  // namespace chatdrill::engine

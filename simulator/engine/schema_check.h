// Checking a located JSON document against a JSON Schema (a draft 2020-12 subset: type,
// properties, required, additionalProperties, patternProperties, propertyNames, items,
// prefixItems, enum, const, bounds, lengths, pattern, $ref to the same file, oneOf/anyOf).
// Knows JSON and diagnostics, not scenarios; `description` and other annotations are ignored.
#pragma once

#include "scoring/core/diagnostic.h"
#include "scoring/core/json_doc.h"

#include <set>
#include <string>

namespace chatdrill::engine {

// Every place where `doc` breaks the schema at `schema_path`, as errors located at the
// offending value (or key, for unknown members). The schema file is read once per path and
// kept; a missing or broken schema file is reported as one warning against that file.
// Nothing is reported at the paths in `judged`: another stage (the loader, validation.h)
// owns those values and has already said what is wrong with them.
scoring::Diagnostics check_schema(const scoring::JsonDoc& doc, const std::string& schema_path,
                                  const std::set<std::string>& judged = {});

// The bundled schemas: data_path("scenarios/schema/scenario.schema.json"), exercise.schema.json.
std::string scenario_schema_path();
std::string exercise_schema_path();

}  // namespace chatdrill::engine

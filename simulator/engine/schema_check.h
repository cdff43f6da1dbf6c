// Checking a located JSON document against a JSON Schema (a draft 2020-12 subset: type,
// properties, required, additionalProperties, patternProperties, propertyNames, items,
// prefixItems, enum, const, bounds, lengths, pattern, $ref to the same file, oneOf/anyOf).
// Knows JSON and diagnostics, not scenarios; `description` and other annotations are ignored.
#pragma once

#include "scoring/core/diagnostic.h"
#include "scoring/core/json_doc.h"

#include <string>

namespace chatdrill::engine {

// Every place where `doc` breaks the schema at `schema_path`, as errors located at the
// offending value (or key, for unknown members). The schema file is read once per path and
// kept; a missing or broken schema file is reported as one warning against that file.
scoring::Diagnostics check_schema(const scoring::JsonDoc& doc, const std::string& schema_path);

// The bundled scenario schema: data_path("scenarios/schema/scenario.schema.json").
std::string scenario_schema_path();

// The loader's findings plus the schema's, leaving out schema errors at a JSON path the
// loader already reported (both usually say the same thing there).
scoring::Diagnostics merge_findings(scoring::Diagnostics loader, const scoring::Diagnostics& schema);

}  // namespace chatdrill::engine

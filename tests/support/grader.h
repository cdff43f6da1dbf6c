// The tests' Grader on the bundled language data (scoring::data_root()): one per thread,
// since a Grader is used by one thread at a time, and one per test process, so its stem
// and spelling caches carry over from test to test as a caller's would.
#pragma once

#include "scoring/core/paths.h"
#include "scoring/grade.h"

inline chatdrill::scoring::Grader& test_grader() {
  thread_local chatdrill::scoring::Grader grader(chatdrill::scoring::data_root());
  return grader;
}

// Evidence notes print seconds without decimals through a fast path for whole numbers;
// whatever the number, the text must be what "{:.0f}" gives (what the goldens were made with).
#include "scoring/grade_internal.h"

#include <doctest/doctest.h>
#include <fmt/format.h>

#include <cmath>
#include <limits>

using chatdrill::scoring::detail::whole;

TEST_CASE("seconds in notes read as {:.0f} would print them, for every kind of number") {
  const double values[] = {0.0,
                           -0.0,
                           1.0,
                           30.0,
                           57.0,
                           59.5,
                           60.5,
                           2.5,
                           3.5,
                           -2.5,
                           0.49,
                           0.5,
                           179.999,
                           1e14,
                           1e15,
                           1e16,
                           -1e15,
                           123456789012.0,
                           std::numeric_limits<double>::infinity(),
                           -std::numeric_limits<double>::infinity(),
                           std::nan(""),
                           4.4e-300};
  for (double v : values) {
    CAPTURE(v);
    CHECK(fmt::format("{}", whole(v)) == fmt::format("{:.0f}", v));
    CHECK(fmt::format("odotti {} s", whole(v)) == fmt::format("odotti {:.0f} s", v));
  }
}

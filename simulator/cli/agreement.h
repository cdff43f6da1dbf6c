// Agreement between chatdrill's scores and a reviewer's, for `chatdrill calibrate`: rank
// correlation, pass/fail accuracy, mean difference on a common scale. Plain statistics:
// nothing here knows a transcript or a grade.
#pragma once

#include <cstddef>
#include <optional>
#include <vector>

namespace chatdrill::cli {

// 1-based ranks, ties sharing the mean of the ranks they span ({10, 20, 20, 30} -> {1, 2.5, 2.5, 4}).
std::vector<double> average_ranks(const std::vector<double>& values);

// Spearman's rho: Pearson's correlation of the average ranks (correct with ties). None when
// fewer than two values or one side has no spread.
std::optional<double> spearman(const std::vector<double>& a, const std::vector<double>& b);

double median(std::vector<double> values);  // of a non-empty list; the mean of the middle two when even

// Share of pairs on the same side of their pass marks (a >= pass_a iff b >= pass_b).
double pass_accuracy(const std::vector<double>& a, double pass_a, const std::vector<double>& b, double pass_b);

// `value` mapped linearly from lo..hi to 0..100 (50 when lo == hi).
double to_percent(double value, double lo, double hi);

}  // namespace chatdrill::cli

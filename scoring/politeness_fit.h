// Fitting the politeness strategies' weights on human judgments (the Stanford Politeness
// Corpus, ../shared/calibration/): the paper's task of telling the top quartile of
// requests from the bottom quartile, with an L2-regularised logistic regression on
// strategy presence, λ chosen by an inner cross-validation on training data only (nested
// CV) and a leave-one-community-out test. Used by bench/scoring/politeness_fit and the
// tests, so the figure printed and the figure asserted are one computation.
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "politeness.h"

namespace chatdrill::scoring {

struct JudgedRequest {
  std::string text;
  std::string community;
  double score = 0;  // Normalized Score (higher is more polite)
  int polite = 0;    // 1 top quartile, 0 bottom quartile
};

// The requests of the top and bottom quartile of `Normalized Score` from the corpus CSV
// (columns Request, Normalized Score, Community); nullopt with `error` when unreadable.
std::optional<std::vector<JudgedRequest>> read_quartiles(const std::string& csv_path, std::string& error);

// Where the shared calibration data lives: ../shared/calibration/ beside the source tree.
std::filesystem::path calibration_path(std::string_view relative);

// Presence (0/1) of each of `model`'s strategies in each text, analysed in the model's language.
std::vector<std::vector<double>> strategy_presence(const PolitenessModel& model,
                                                   const std::vector<JudgedRequest>& requests);

// The baseline the old grader amounted to: how many of twenty polite words a text holds.
std::vector<std::vector<double>> polite_word_counts(const std::vector<JudgedRequest>& requests);

struct LogisticModel {
  double intercept = 0;
  std::vector<double> weights;
  double logit(const std::vector<double>& x) const;
};

// Newton's method on the L2-penalised log-loss (the intercept is not penalised).
LogisticModel fit_logistic(const std::vector<std::vector<double>>& x, const std::vector<int>& y, double l2);

double accuracy(const LogisticModel& m, const std::vector<std::vector<double>>& x, const std::vector<int>& y);

// Mean accuracy over `folds` folds of a seeded shuffle (the same seed, the same folds).
double cross_validated_accuracy(const std::vector<std::vector<double>>& x, const std::vector<int>& y, double l2,
                                int folds = 10, std::uint32_t seed = 2013);

std::vector<int> labels(const std::vector<JudgedRequest>& requests);

// The λ values the inner cross-validation chooses from.
inline constexpr double k_l2_grid[] = {0.3, 1, 3, 10, 30};

// The λ of k_l2_grid with the lowest `folds`-fold cross-validated log-loss on (x, y)
// (log-loss, not accuracy: it is smooth, so the choice does not flip on a few requests).
double choose_l2(const std::vector<std::vector<double>>& x, const std::vector<int>& y, int folds = 5,
                 std::uint32_t seed = 2013);

struct NestedResult {
  double accuracy = 0;     // mean over the outer folds
  std::vector<double> l2;  // the λ each outer fold's inner CV chose
};

// Outer `folds`-fold CV; in each outer training part λ is chosen by choose_l2 on that
// part alone, so the held-out fold never sees the choice.
NestedResult nested_cross_validated_accuracy(const std::vector<std::vector<double>>& x, const std::vector<int>& y,
                                             int folds = 10, int inner_folds = 5, std::uint32_t seed = 2013);

struct GroupResult {
  std::string group;
  std::size_t requests = 0;
  double accuracy = 0;
  double l2 = 0;
};

struct GroupedResult {
  std::vector<GroupResult> groups;  // each group tested on a model fitted on the others
  double pooled = 0;                // right answers over all requests, each from a model not fitted on its group
};

// Leave one group (a community) out: fit on the other groups (λ by choose_l2 on them),
// test on it.
GroupedResult leave_one_group_out(const std::vector<std::vector<double>>& x, const std::vector<int>& y,
                                  const std::vector<std::string>& groups);

}  // namespace chatdrill::scoring

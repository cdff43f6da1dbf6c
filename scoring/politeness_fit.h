// Fitting the politeness strategies' weights on human judgments (the Stanford Politeness
// Corpus, ../shared/calibration/): the paper's task of telling the top quartile of
// requests from the bottom quartile, with an L2-regularised logistic regression on
// strategy presence and k-fold cross-validation. Used by bench/scoring/politeness_fit and
// the tests, so the figure printed and the figure asserted are one computation.
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
std::vector<std::vector<double>> strategy_presence(const PolitenessModel& model, const std::vector<JudgedRequest>& requests);

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

}  // namespace chatdrill::scoring

// Fitting strategy weights; see politeness_fit.h.
#include "politeness_fit.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <limits>
#include <numeric>
#include <random>

#include "core/csv.h"
#include "core/json_doc.h"
#include "core/paths.h"

namespace chatdrill::scoring {

std::filesystem::path calibration_path(std::string_view relative) {
  return data_root() / ".." / "shared" / "calibration" / std::filesystem::path(relative);
}

std::optional<std::vector<JudgedRequest>> read_quartiles(const std::string& csv_path, std::string& error) {
  const auto text = read_text_file(csv_path, error);
  if (!text) return std::nullopt;
  const auto table = parse_csv(*text, error);
  if (!table) {
    error = csv_path + ": " + error;
    return std::nullopt;
  }
  const int request = table->column("Request"), score = table->column("Normalized Score"),
            community = table->column("Community");
  if (request < 0 || score < 0) {
    error = csv_path + ": needs the columns Request and Normalized Score";
    return std::nullopt;
  }
  std::vector<JudgedRequest> all;
  for (const auto& row : table->rows) {
    JudgedRequest r;
    r.text = row[static_cast<std::size_t>(request)];
    r.community = community >= 0 ? row[static_cast<std::size_t>(community)] : "";
    try {
      r.score = std::stod(row[static_cast<std::size_t>(score)]);
    } catch (const std::exception&) { continue; }
    all.push_back(std::move(r));
  }
  if (all.size() < 8) {
    error = csv_path + ": too few requests";
    return std::nullopt;
  }
  std::vector<double> scores;
  for (const auto& r : all) scores.push_back(r.score);
  std::sort(scores.begin(), scores.end());
  const double low = scores[scores.size() / 4], high = scores[scores.size() * 3 / 4];
  std::vector<JudgedRequest> out;
  for (auto& r : all) {
    if (r.score > low && r.score < high) continue;
    r.polite = r.score >= high ? 1 : 0;
    out.push_back(std::move(r));
  }
  return out;
}

std::vector<std::vector<double>> strategy_presence(const PolitenessModel& model,
                                                   const std::vector<JudgedRequest>& requests) {
  TextAnalyzer analyzer(model.language);
  Analysis a;
  std::vector<StrategyHit> hits;
  std::vector<std::vector<double>> x;
  x.reserve(requests.size());
  for (const auto& r : requests) {
    analyzer.analyze(r.text, a);
    hits.clear();
    model.find(a, hits);
    std::vector<double> row(model.strategies.size(), 0.0);
    for (const auto& h : hits) row[static_cast<std::size_t>(h.strategy)] = 1;
    x.push_back(std::move(row));
  }
  return x;
}

std::vector<std::vector<double>> polite_word_counts(const std::vector<JudgedRequest>& requests) {
  static constexpr std::array<std::string_view, 20> words = {
      "please", "thanks",  "thank",    "sorry",     "appreciate", "kindly", "could", "would", "hello",   "hi",
      "hey",    "welcome", "grateful", "apologize", "excuse",     "pardon", "may",   "might", "perhaps", "great"};
  TextAnalyzer analyzer(Language::en);
  std::vector<std::vector<double>> x;
  for (const auto& r : requests) {
    double n = 0;
    for (const auto& t : analyzer.tokenize(r.text)) {
      const std::string f = analyzer.fold(t.surface);
      n += std::find(words.begin(), words.end(), f) != words.end() ? 1 : 0;
    }
    x.push_back({n});
  }
  return x;
}

std::vector<int> labels(const std::vector<JudgedRequest>& requests) {
  std::vector<int> y;
  for (const auto& r : requests) y.push_back(r.polite);
  return y;
}

double LogisticModel::logit(const std::vector<double>& x) const {
  double z = intercept;
  for (std::size_t j = 0; j < weights.size() && j < x.size(); ++j) z += weights[j] * x[j];
  return z;
}

namespace {

// Solves a x = b for a small symmetric positive definite `a` (Gaussian elimination with
// partial pivoting; `a` and `b` are overwritten).
std::vector<double> solve(std::vector<std::vector<double>> a, std::vector<double> b) {
  const std::size_t n = b.size();
  for (std::size_t c = 0; c < n; ++c) {
    std::size_t pivot = c;
    for (std::size_t r = c + 1; r < n; ++r)
      if (std::fabs(a[r][c]) > std::fabs(a[pivot][c])) pivot = r;
    std::swap(a[c], a[pivot]);
    std::swap(b[c], b[pivot]);
    if (std::fabs(a[c][c]) < 1e-12) continue;
    for (std::size_t r = c + 1; r < n; ++r) {
      const double f = a[r][c] / a[c][c];
      for (std::size_t k = c; k < n; ++k) a[r][k] -= f * a[c][k];
      b[r] -= f * b[c];
    }
  }
  std::vector<double> x(n, 0.0);
  for (std::size_t c = n; c-- > 0;) {
    double s = b[c];
    for (std::size_t k = c + 1; k < n; ++k) s -= a[c][k] * x[k];
    x[c] = std::fabs(a[c][c]) < 1e-12 ? 0 : s / a[c][c];
  }
  return x;
}

}  // namespace

LogisticModel fit_logistic(const std::vector<std::vector<double>>& x, const std::vector<int>& y, double l2) {
  const std::size_t d = x.empty() ? 0 : x.front().size(), n = d + 1;  // slot 0: the intercept
  std::vector<double> beta(n, 0.0);
  for (int iteration = 0; iteration < 50; ++iteration) {
    std::vector<double> gradient(n, 0.0);
    std::vector<std::vector<double>> hessian(n, std::vector<double>(n, 0.0));
    for (std::size_t i = 0; i < x.size(); ++i) {
      double z = beta[0];
      for (std::size_t j = 0; j < d; ++j) z += beta[j + 1] * x[i][j];
      const double p = 1.0 / (1.0 + std::exp(-z)), w = p * (1 - p), r = p - y[i];
      for (std::size_t j = 0; j < n; ++j) {
        const double xj = j == 0 ? 1.0 : x[i][j - 1];
        if (xj == 0) continue;
        gradient[j] += r * xj;
        for (std::size_t k = 0; k < n; ++k) {
          const double xk = k == 0 ? 1.0 : x[i][k - 1];
          hessian[j][k] += w * xj * xk;
        }
      }
    }
    for (std::size_t j = 1; j < n; ++j) gradient[j] += l2 * beta[j], hessian[j][j] += l2;
    hessian[0][0] += 1e-9;
    const std::vector<double> step = solve(hessian, gradient);
    double size = 0;
    for (std::size_t j = 0; j < n; ++j) beta[j] -= step[j], size = std::max(size, std::fabs(step[j]));
    if (size < 1e-8) break;
  }
  LogisticModel m;
  m.intercept = beta[0];
  m.weights.assign(beta.begin() + 1, beta.end());
  return m;
}

double accuracy(const LogisticModel& m, const std::vector<std::vector<double>>& x, const std::vector<int>& y) {
  if (x.empty()) return 0;
  std::size_t right = 0;
  for (std::size_t i = 0; i < x.size(); ++i) right += (m.logit(x[i]) > 0 ? 1 : 0) == y[i] ? 1 : 0;
  return static_cast<double>(right) / static_cast<double>(x.size());
}

namespace {

// The positions of `n` items in a seeded shuffle; item order[k] goes to fold k % folds.
std::vector<std::size_t> shuffled(std::size_t n, std::uint32_t seed) {
  std::vector<std::size_t> order(n);
  std::iota(order.begin(), order.end(), 0);
  std::mt19937 random(seed);  // mt19937's output is fixed by the standard; the shuffle is ours
  for (std::size_t i = order.size(); i > 1; --i) std::swap(order[i - 1], order[random() % i]);
  return order;
}

struct Split {
  std::vector<std::vector<double>> train_x, test_x;
  std::vector<int> train_y, test_y;
};

Split fold_split(const std::vector<std::vector<double>>& x, const std::vector<int>& y,
                 const std::vector<std::size_t>& order, int folds, int f) {
  Split s;
  for (std::size_t k = 0; k < order.size(); ++k) {
    const bool test = static_cast<int>(k % static_cast<std::size_t>(folds)) == f;
    (test ? s.test_x : s.train_x).push_back(x[order[k]]);
    (test ? s.test_y : s.train_y).push_back(y[order[k]]);
  }
  return s;
}

double log_loss(const LogisticModel& m, const std::vector<std::vector<double>>& x, const std::vector<int>& y) {
  double sum = 0;
  for (std::size_t i = 0; i < x.size(); ++i) {
    const double z = m.logit(x[i]);
    sum += std::log1p(std::exp(y[i] ? -z : z));  // -log p(y | x)
  }
  return sum;
}

}  // namespace

double choose_l2(const std::vector<std::vector<double>>& x, const std::vector<int>& y, int folds, std::uint32_t seed) {
  const auto order = shuffled(x.size(), seed);
  double best = k_l2_grid[0], best_loss = std::numeric_limits<double>::infinity();
  for (double l2 : k_l2_grid) {
    double loss = 0;
    for (int f = 0; f < folds; ++f) {
      const Split s = fold_split(x, y, order, folds, f);
      loss += log_loss(fit_logistic(s.train_x, s.train_y, l2), s.test_x, s.test_y);
    }
    if (loss < best_loss) best = l2, best_loss = loss;
  }
  return best;
}

NestedResult nested_cross_validated_accuracy(const std::vector<std::vector<double>>& x, const std::vector<int>& y,
                                             int folds, int inner_folds, std::uint32_t seed) {
  const auto order = shuffled(x.size(), seed);
  NestedResult r;
  double sum = 0;
  for (int f = 0; f < folds; ++f) {
    const Split s = fold_split(x, y, order, folds, f);
    const double l2 = choose_l2(s.train_x, s.train_y, inner_folds, seed + 1 + static_cast<std::uint32_t>(f));
    r.l2.push_back(l2);
    sum += accuracy(fit_logistic(s.train_x, s.train_y, l2), s.test_x, s.test_y);
  }
  r.accuracy = sum / folds;
  return r;
}

GroupedResult leave_one_group_out(const std::vector<std::vector<double>>& x, const std::vector<int>& y,
                                  const std::vector<std::string>& groups) {
  std::vector<std::string> names(groups);
  std::sort(names.begin(), names.end());
  names.erase(std::unique(names.begin(), names.end()), names.end());
  GroupedResult out;
  if (names.size() < 2) return out;
  double right = 0;
  for (const auto& g : names) {
    Split s;
    for (std::size_t i = 0; i < x.size(); ++i) {
      const bool test = groups[i] == g;
      (test ? s.test_x : s.train_x).push_back(x[i]);
      (test ? s.test_y : s.train_y).push_back(y[i]);
    }
    const double l2 = choose_l2(s.train_x, s.train_y);
    const double a = accuracy(fit_logistic(s.train_x, s.train_y, l2), s.test_x, s.test_y);
    out.groups.push_back({g, s.test_x.size(), a, l2});
    right += a * static_cast<double>(s.test_x.size());
  }
  out.pooled = right / static_cast<double>(x.size());
  return out;
}

double cross_validated_accuracy(const std::vector<std::vector<double>>& x, const std::vector<int>& y, double l2,
                                int folds, std::uint32_t seed) {
  const auto order = shuffled(x.size(), seed);
  double sum = 0;
  for (int f = 0; f < folds; ++f) {
    const Split s = fold_split(x, y, order, folds, f);
    sum += accuracy(fit_logistic(s.train_x, s.train_y, l2), s.test_x, s.test_y);
  }
  return sum / folds;
}

}  // namespace chatdrill::scoring

// Linear-time schema patterns; see schema_pattern.h. Pattern -> small syntax tree ->
// Thompson program -> simulation over the text with one set of states per position.
#include "schema_pattern.h"

#include <fmt/format.h>

#include <memory>

namespace chatdrill::engine {

namespace {

using Set = std::bitset<256>;

struct Ast {
  enum Kind { set, cat, alt, repeat, line_start, line_end, empty } kind = empty;
  Set bytes;
  std::vector<std::unique_ptr<Ast>> parts;
  int min = 0, max = 0;  // repeat; max -1 = unbounded
};
using AstPtr = std::unique_ptr<Ast>;

constexpr std::size_t k_max_pattern = 1000;
constexpr int k_max_repeat = 1000;

Set class_of(char c) {
  Set s;
  auto range = [&](int lo, int hi) {
    for (int b = lo; b <= hi; ++b) s.set(static_cast<std::size_t>(b));
  };
  switch (c) {
    case 'd':
    case 'D': range('0', '9'); break;
    case 'w':
    case 'W':
      range('0', '9');
      range('a', 'z');
      range('A', 'Z');
      s.set('_');
      break;
    case 's':
    case 'S':
      for (char w : {' ', '\t', '\n', '\r', '\f', '\v'}) s.set(static_cast<unsigned char>(w));
      break;
    default: s.set(static_cast<unsigned char>(c)); return s;
  }
  if (c == 'D' || c == 'W' || c == 'S') s.flip();
  return s;
}

bool is_class_escape(char c) { return std::string_view("dDwWsS").find(c) != std::string_view::npos; }

class PatternParser {
 public:
  explicit PatternParser(std::string_view p) : p_(p) {}
  AstPtr parse(std::string& error) {
    AstPtr a = alternation(0);
    if (!error_.empty() || i_ != p_.size()) {
      error = error_.empty() ? fmt::format("unexpected '{}' at {}", p_[i_], i_) : error_;
      return nullptr;
    }
    return a;
  }

 private:
  std::string_view p_;
  std::size_t i_ = 0;
  std::string error_;

  bool more() const { return i_ < p_.size() && error_.empty(); }
  AstPtr fail(std::string why) {
    if (error_.empty()) error_ = std::move(why);
    return std::make_unique<Ast>();
  }

  AstPtr alternation(int depth) {
    if (depth > 20) return fail("groups nested too deep");
    auto first = sequence(depth);
    if (!more() || p_[i_] != '|') return first;
    auto a = std::make_unique<Ast>();
    a->kind = Ast::alt;
    a->parts.push_back(std::move(first));
    while (more() && p_[i_] == '|') {
      ++i_;
      a->parts.push_back(sequence(depth));
    }
    return a;
  }

  AstPtr sequence(int depth) {
    auto a = std::make_unique<Ast>();
    a->kind = Ast::cat;
    while (more() && p_[i_] != '|' && p_[i_] != ')') a->parts.push_back(quantified(depth));
    return a;
  }

  AstPtr quantified(int depth) {
    AstPtr atom_ast = atom(depth);
    while (more() && std::string_view("*+?{").find(p_[i_]) != std::string_view::npos) {
      auto r = std::make_unique<Ast>();
      r->kind = Ast::repeat;
      const char q = p_[i_++];
      if (q == '*') r->min = 0, r->max = -1;
      else if (q == '+') r->min = 1, r->max = -1;
      else if (q == '?') r->min = 0, r->max = 1;
      else {
        r->min = number();
        r->max = r->min;
        if (more() && p_[i_] == ',') {
          ++i_;
          r->max = more() && p_[i_] == '}' ? -1 : number();
        }
        if (!more() || p_[i_] != '}') return fail("'{' without a closing '}'");
        ++i_;
        if (r->max != -1 && r->max < r->min) return fail("{n,m} with m below n");
      }
      if (more() && p_[i_] == '?') ++i_;  // lazy: the same for a yes/no search
      r->parts.push_back(std::move(atom_ast));
      atom_ast = std::move(r);
    }
    return atom_ast;
  }

  int number() {
    int n = 0, digits = 0;
    while (more() && p_[i_] >= '0' && p_[i_] <= '9' && n <= k_max_repeat) n = n * 10 + (p_[i_++] - '0'), ++digits;
    if (digits == 0) fail("'{' needs a number");
    if (n > k_max_repeat) fail("a repeat count above 1000");
    return n;
  }

  AstPtr atom(int depth) {
    const char c = p_[i_++];
    auto a = std::make_unique<Ast>();
    a->kind = Ast::set;
    switch (c) {
      case '(': {
        if (i_ + 1 < p_.size() && p_[i_] == '?' && p_[i_ + 1] == ':') i_ += 2;
        else if (i_ < p_.size() && p_[i_] == '?') return fail("lookarounds are not supported");
        auto inner = alternation(depth + 1);
        if (!more() || p_[i_] != ')') return fail("'(' without a closing ')'");
        ++i_;
        return inner;
      }
      case '[': return bracket();
      case '.':
        a->bytes.set();
        a->bytes.reset('\n');
        a->bytes.reset('\r');
        return a;
      case '^': a->kind = Ast::line_start; return a;
      case '$': a->kind = Ast::line_end; return a;
      case '\\': {
        if (i_ >= p_.size()) return fail("a pattern ends in '\\'");
        const char e = p_[i_++];
        if (e == 'b' || e == 'B' || (e >= '1' && e <= '9')) return fail(fmt::format("\\{} is not supported", e));
        a->bytes = e == 'n' ? class_of('\n') : e == 't' ? class_of('\t') : e == 'r' ? class_of('\r') : class_of(e);
        return a;
      }
      case '*':
      case '+':
      case '?':
      case '{': return fail(fmt::format("'{}' with nothing to repeat", c));
      default: a->bytes = class_of(c); return a;
    }
  }

  AstPtr bracket() {
    auto a = std::make_unique<Ast>();
    a->kind = Ast::set;
    bool negate = false;
    if (i_ < p_.size() && p_[i_] == '^') negate = true, ++i_;
    bool first = true;
    while (i_ < p_.size() && (p_[i_] != ']' || first)) {
      first = false;
      int lo = static_cast<unsigned char>(p_[i_++]);
      if (lo == '\\') {
        if (i_ >= p_.size()) break;
        const char e = p_[i_++];
        if (is_class_escape(e)) {
          a->bytes |= class_of(e);
          continue;
        }
        lo = static_cast<unsigned char>(e == 'n' ? '\n' : e == 't' ? '\t' : e);
      }
      int hi = lo;
      if (i_ + 1 < p_.size() && p_[i_] == '-' && p_[i_ + 1] != ']') {
        hi = static_cast<unsigned char>(p_[i_ + 1]);
        i_ += 2;
        if (hi == '\\' && i_ < p_.size()) hi = static_cast<unsigned char>(p_[i_++]);
        if (hi < lo) return fail("a class range goes backwards");
      }
      for (int b = lo; b <= hi; ++b) a->bytes.set(static_cast<std::size_t>(b));
    }
    if (i_ >= p_.size()) return fail("'[' without a closing ']'");
    ++i_;
    if (negate) a->bytes.flip();
    return a;
  }
};

class Emitter {
 public:
  std::vector<SchemaPattern::Inst> code;
  using Inst = SchemaPattern::Inst;

  int emit(Inst::Op op) {
    Inst in;
    in.op = op;
    code.push_back(in);
    return static_cast<int>(code.size() - 1);
  }
  int here() const { return static_cast<int>(code.size()); }

  void gen(const Ast& a) {
    switch (a.kind) {
      case Ast::set: code[static_cast<std::size_t>(emit(Inst::byte))].set = a.bytes; break;
      case Ast::line_start: emit(Inst::line_start); break;
      case Ast::line_end: emit(Inst::line_end); break;
      case Ast::empty: break;
      case Ast::cat:
        for (const auto& p : a.parts) gen(*p);
        break;
      case Ast::alt: {
        std::vector<int> jumps;
        for (std::size_t k = 0; k + 1 < a.parts.size(); ++k) {
          const int split = emit(Inst::split);
          at(split).x = here();
          gen(*a.parts[k]);
          jumps.push_back(emit(Inst::jump));
          at(split).y = here();
        }
        gen(*a.parts.back());
        for (int j : jumps) at(j).x = here();
        break;
      }
      case Ast::repeat: {
        const Ast& body = *a.parts[0];
        for (int k = 0; k < a.min; ++k) gen(body);
        if (a.max == -1) {
          const int split = emit(Inst::split);
          at(split).x = here();
          gen(body);
          at(emit(Inst::jump)).x = split;
          at(split).y = here();
        } else {
          std::vector<int> splits;
          for (int k = a.min; k < a.max; ++k) {
            const int split = emit(Inst::split);
            at(split).x = here();
            splits.push_back(split);
            gen(body);
          }
          for (int s : splits) at(s).y = here();
        }
        break;
      }
    }
  }

 private:
  Inst& at(int pc) { return code[static_cast<std::size_t>(pc)]; }
};

}  // namespace

std::optional<SchemaPattern> SchemaPattern::compile(std::string_view pattern, std::string& error) {
  if (pattern.size() > k_max_pattern) {
    error = "pattern longer than 1000 characters";
    return std::nullopt;
  }
  PatternParser parser(pattern);
  AstPtr ast = parser.parse(error);
  if (!ast) return std::nullopt;
  Emitter e;
  e.gen(*ast);
  e.emit(Inst::match);
  if (e.code.size() > 100'000) {
    error = "pattern too large once its repeats are expanded";
    return std::nullopt;
  }
  SchemaPattern p;
  p.program_ = std::move(e.code);
  return p;
}

bool SchemaPattern::search(std::string_view text) const {
  const std::size_t n = program_.size();
  std::vector<unsigned> mark(n, 0);
  unsigned generation = 0;
  std::vector<int> current, next, stack;
  bool matched = false;
  // Adds the byte-consuming states reachable from `pc` without input, at text position `pos`.
  auto closure = [&](int start, std::size_t pos, std::vector<int>& into) {
    stack.push_back(start);
    while (!stack.empty()) {
      const int pc = stack.back();
      stack.pop_back();
      auto& m = mark[static_cast<std::size_t>(pc)];
      if (m == generation) continue;
      m = generation;
      const Inst& in = program_[static_cast<std::size_t>(pc)];
      switch (in.op) {
        case Inst::byte: into.push_back(pc); break;
        case Inst::jump: stack.push_back(in.x); break;
        case Inst::split:
          stack.push_back(in.y);
          stack.push_back(in.x);
          break;
        case Inst::line_start:
          if (pos == 0) stack.push_back(pc + 1);
          break;
        case Inst::line_end:
          if (pos == text.size()) stack.push_back(pc + 1);
          break;
        case Inst::match: matched = true; break;
      }
    }
  };
  ++generation;
  closure(0, 0, current);
  for (std::size_t pos = 0; pos < text.size() && !matched; ++pos) {
    const auto c = static_cast<unsigned char>(text[pos]);
    ++generation;
    next.clear();
    for (int pc : current)
      if (program_[static_cast<std::size_t>(pc)].set.test(c)) closure(pc + 1, pos + 1, next);
    closure(0, pos + 1, next);  // a search may start anywhere
    current.swap(next);
  }
  return matched;
}

}  // namespace chatdrill::engine

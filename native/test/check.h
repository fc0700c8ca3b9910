// A small test runner: TEST(name) { CHECK(cond); CHECK_EQ(a, b); CHECK_NEAR(a, b, tol); CHECK_THROWS(expr); }
// Each test is registered at static-init time; test_main.cpp runs them all and exits non-zero on failure.
#pragma once

#include <cmath>
#include <functional>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

namespace reflex::test {

struct Case {
  std::string name;
  std::function<void()> body;
};

inline std::vector<Case>& registry() {
  static std::vector<Case> cases;
  return cases;
}

struct Register {
  Register(const char* name, std::function<void()> body) { registry().push_back({name, std::move(body)}); }
};

struct Failure : std::runtime_error {
  using std::runtime_error::runtime_error;
};

inline void fail(const char* file, int line, const std::string& what) {
  std::ostringstream s;
  s << file << ":" << line << ": " << what;
  throw Failure(s.str());
}

}  // namespace reflex::test

#define REFLEX_CONCAT2(a, b) a##b
#define REFLEX_CONCAT(a, b) REFLEX_CONCAT2(a, b)
#define TEST(name)                                                                                    \
  static void REFLEX_CONCAT(test_, name)();                                                           \
  static ::reflex::test::Register REFLEX_CONCAT(register_, name)(#name, &REFLEX_CONCAT(test_, name)); \
  static void REFLEX_CONCAT(test_, name)()

#define CHECK(cond) \
  do { if (!(cond)) ::reflex::test::fail(__FILE__, __LINE__, "CHECK(" #cond ") failed"); } while (0)

#define CHECK_EQ(a, b)                                                                   \
  do {                                                                                   \
    const auto va_ = (a);                                                                \
    const auto vb_ = (b);                                                                \
    if (!(va_ == vb_)) {                                                                 \
      std::ostringstream s_;                                                             \
      s_.precision(17);                                                                  \
      s_ << "CHECK_EQ(" #a ", " #b "): " << va_ << " != " << vb_;                        \
      ::reflex::test::fail(__FILE__, __LINE__, s_.str());                                \
    }                                                                                    \
  } while (0)

#define CHECK_NEAR(a, b, tol)                                                            \
  do {                                                                                   \
    const double va_ = (a);                                                              \
    const double vb_ = (b);                                                              \
    if (!(std::fabs(va_ - vb_) <= (tol))) {                                              \
      std::ostringstream s_;                                                             \
      s_.precision(17);                                                                  \
      s_ << "CHECK_NEAR(" #a ", " #b ", " #tol "): " << va_ << " vs " << vb_;            \
      ::reflex::test::fail(__FILE__, __LINE__, s_.str());                                \
    }                                                                                    \
  } while (0)

#define CHECK_THROWS(expr)                                                               \
  do {                                                                                   \
    bool threw_ = false;                                                                 \
    try { (void)(expr); } catch (const std::exception&) { threw_ = true; }               \
    if (!threw_) ::reflex::test::fail(__FILE__, __LINE__, "CHECK_THROWS(" #expr ") did not throw"); \
  } while (0)

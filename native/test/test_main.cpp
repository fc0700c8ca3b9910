// Runs every registered test; prints one line per test and a summary; exit code 1 on any failure.
#include <cstdio>
#include <cstring>
#include <exception>

#include "check.h"

int main(int argc, char** argv) {
  const char* filter = argc > 1 ? argv[1] : nullptr;
  int passed = 0, failed = 0;
  for (const auto& c : reflex::test::registry()) {
    if (filter != nullptr && std::strstr(c.name.c_str(), filter) == nullptr) continue;
    try {
      c.body();
      ++passed;
      std::printf("ok      %s\n", c.name.c_str());
    } catch (const std::exception& e) {
      ++failed;
      std::printf("FAILED  %s\n        %s\n", c.name.c_str(), e.what());
    }
  }
  std::printf("%d passed, %d failed\n", passed, failed);
  return failed == 0 ? 0 : 1;
}

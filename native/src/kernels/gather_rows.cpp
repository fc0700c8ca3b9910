#include "kernels/gather_rows.h"

#include <cstring>
#include <stdexcept>
#include <string>

namespace reflex::kernels {

void gather_rows(const float* src, std::size_t rows, std::size_t cols, const std::int32_t* indices, std::size_t k,
                 float* dst) {
  for (std::size_t j = 0; j < k; ++j) {
    const std::int32_t r = indices[j];
    if (r < 0 || static_cast<std::size_t>(r) >= rows) {
      throw std::out_of_range("gather_rows: indices[" + std::to_string(j) + "]=" + std::to_string(r) +
                              " outside [0, " + std::to_string(rows) + ")");
    }
    std::memcpy(dst + j * cols, src + static_cast<std::size_t>(r) * cols, cols * sizeof(float));
  }
}

}  // namespace reflex::kernels

#include "report.hpp"

#include <malloc.h>

namespace last100::bench {

std::size_t heap_bytes_in_use() {
  const struct mallinfo2 mi = mallinfo2();
  return mi.uordblks + mi.hblkhd;
}

}  // namespace last100::bench

#include "filter.hpp"

#include <algorithm>

namespace {

bool is_odd(int n)
{
    return n % 2 != 0;
}

}  // namespace

void remove_if_odd(std::vector<int>& values)
{
    // WRONG FIX: erase-remove is right, but n % 2 == 1 misses negative odd numbers (-3 % 2 == -1).
    values.erase(std::remove_if(values.begin(), values.end(), [](int n) { return n % 2 == 1; }), values.end());
}

std::size_t count_odd(const std::vector<int>& values)
{
    std::size_t count = 0;
    for (int n : values) {
        if (is_odd(n)) {
            ++count;
        }
    }
    return count;
}

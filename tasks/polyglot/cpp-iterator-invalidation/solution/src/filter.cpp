#include "filter.hpp"

namespace {

bool is_odd(int n)
{
    return n % 2 != 0;
}

}  // namespace

void remove_if_odd(std::vector<int>& values)
{
    for (auto it = values.begin(); it != values.end();) {
        if (is_odd(*it)) {
            it = values.erase(it);
        } else {
            ++it;
        }
    }
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
